export * from './types';
export * from './errors';
export { defineFeatureSet, featureDefinitionHash, type FeatureSet } from './feature-set';
export {
  FeatureSetV1,
  TARGET_STATS,
  PER_STAT_FEATURES,
  CONTEXT_FEATURES,
  LINE_FEATURES,
  V1_PARAMS,
  type TargetStat,
  type PerStatFeature,
  type ContextFeature,
} from './feature-set-v1';
export { FeatureComputer } from './feature-computer';
export { computeFeatures } from './compute-features';
export { encodeFeatureValues, decodeFeatureValues } from './feature-codec';
export { buildTeamGameLogs } from './team-game-logs';
export { estimatePossessions, isPlayed } from './stat-extractors';
