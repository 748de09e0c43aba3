// `@propcast/feature-pipeline/reader`: reading stored feature rows only. Consumers that do not compute features
// import this entry point, which loads none of the pipeline's run engine, processors or use cases.
export { UnknownGameDateError, InvalidFeatureRequestError, UnknownFeatureSetError } from './errors';
export { resolveFeatureSet } from './feature-sets/feature-set-catalog';
export { FeatureReader, MAX_PLAYERS_PER_LOOKUP, type FeatureVectors, type FeatureVectorRow, type WarnLogger } from './serving/feature-reader';
export { openFeatureReader, type FeatureReaderOptions } from './serving/open-feature-reader';
