// Test helpers of the ingestion lib (`@propcast/ingestion/testing`): for specs, other test helpers and benchmarks only.
export { boxScoreJsonRow, type BoxScoreJsonRow } from './box-score-rows';
