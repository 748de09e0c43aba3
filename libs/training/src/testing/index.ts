export { simulateLeague, type SyntheticLeague, type SyntheticLeagueOptions, type SyntheticGame } from './synthetic-league';
export { leagueRows } from './league-rows';
export { seedFeatureStore, type FeatureStoreSeed } from './seed-feature-store';
export { RecordingPublisher } from './recording-publisher';
export { statDatasetFixture, consecutiveDates } from './stat-dataset.fixture';
export { FakeEventBus } from './fake-event-bus';
