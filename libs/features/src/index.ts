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
export {
  FeatureSetV2,
  V2_EXTRA_FEATURES,
  AVAILABILITY_FEATURES,
  ROLE_FEATURES,
  GAME_ENVIRONMENT_FEATURES,
  LINE_MOVE_FEATURES,
  V2_PARAMS,
  STATUS_SEVERITY,
} from './feature-set-v2';
export { FeatureComputer } from './feature-computer';
export { FeatureComputerV2 } from './feature-computer-v2';
export { createFeatureComputer, readsPregameContext, FEATURE_SETS, writeComputerState, readComputerState, type PointInTimeFeatureComputer } from './feature-computers';
export { StateWriter, StateReader, STATE_FORMAT_VERSION } from './state-codec';
export { computeFeatures } from './compute-features';
export { encodeFeatureValues, decodeFeatureValues } from './feature-codec';
export { buildTeamGameLogs } from './team-game-logs';
export { estimatePossessions, isPlayed } from './stat-extractors';
export { ERA_RELATIVE_FEATURES, FeatureSetV3, V3_INDEX } from './feature-set-v3';
