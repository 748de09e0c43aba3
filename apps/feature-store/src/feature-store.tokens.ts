/** Injection token of the wired FeaturePipeline (@propcast/feature-pipeline). */
export const FEATURE_PIPELINE = Symbol('FEATURE_PIPELINE');

/** Injection token of the Redis client of the feature cache. */
export const FEATURE_REDIS = Symbol('FEATURE_REDIS');
