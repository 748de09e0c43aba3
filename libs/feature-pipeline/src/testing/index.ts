export { seedBoxScores, seedGames, seedPropLines, correctBoxScore, seasonTypeOfGameId, type SeedGame } from './seed-box-scores';
export { loadRealBoxScores, REAL_BOXSCORES_CSV, type RealBoxScoreFilter } from './real-box-scores';
export { pureFeatureHex } from './pure-features';
export { storedRows, type StoredRowSnapshot } from './stored-rows';
export { RecordingPublisher } from './recording-publisher';
