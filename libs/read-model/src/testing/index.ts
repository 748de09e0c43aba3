// Test fixtures of @propcast/read-model (`@propcast/read-model/testing`).
export { seedSlate, fitProbabilityModel, type SlateSeedOptions, type SeededSlate } from './seed-slate';
