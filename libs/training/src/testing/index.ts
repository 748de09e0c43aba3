export { simulateLeague, type SyntheticLeague, type SyntheticLeagueOptions, type SyntheticGame } from './synthetic-league';
export { leagueRows } from './league-rows';
export { seedFeatureStore } from './seed-feature-store';
