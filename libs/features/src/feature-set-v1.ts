import { defineFeatureSet, type FeatureSet } from './feature-set';
import { PROP_STATS } from './types';

/** Per-player target stats, in block order: each gets every per-stat feature. */
export const TARGET_STATS = ['points', 'rebounds', 'assists', 'threes', 'minutes', 'pra'] as const;
export type TargetStat = (typeof TARGET_STATS)[number];

/** Features computed for every target stat, named `<stat>_<feature>`. */
export const PER_STAT_FEATURES = [
  'avg_last3',
  'avg_last5',
  'avg_last10',
  'ema',
  'season_avg',
  'std_last10',
  'min_last10',
  'max_last10',
  'median_last10',
  'slope_last10',
  'momentum',
  'avg_vs_opp',
] as const;
export type PerStatFeature = (typeof PER_STAT_FEATURES)[number];

/** Game-context features, after the per-stat blocks. */
export const CONTEXT_FEATURES = [
  'is_home',
  'rest_days',
  'back_to_back',
  'games_played_season',
  'games_vs_opp',
  'minutes_trend',
  'usage_proxy_last10',
  'team_pace_last10',
  'opp_pace_last10',
  'opp_allowed_points_last15',
  'opp_allowed_rebounds_last15',
  'opp_allowed_assists_last15',
] as const;
export type ContextFeature = (typeof CONTEXT_FEATURES)[number];

/** Latest prop line per market, `line_<stat>` in PROP_STATS order, last in the vector. */
export const LINE_FEATURES: readonly string[] = PROP_STATS.map((stat) => `line_${stat.toLowerCase()}`);

/** Window lengths and constants of v1 (part of the definition: changing one means a new version). */
export const V1_PARAMS = Object.freeze({
  playerWindow: 10,
  emaAlpha: 0.3,
  paceWindow: 10,
  allowedWindow: 15,
  usageWindow: 10,
  ftaPossessionWeight: 0.44,
});

/** Bump when a v1 computation changes (then also bump the version). */
const V1_DEFINITION_VERSION = 'player-props/1.0';

/** The v1 feature set of player-prop models (issue #5). */
export const FeatureSetV1: FeatureSet = defineFeatureSet('player-props', 1, V1_DEFINITION_VERSION, [
  ...TARGET_STATS.flatMap((stat) => PER_STAT_FEATURES.map((feature) => `${stat}_${feature}`)),
  ...CONTEXT_FEATURES,
  ...LINE_FEATURES,
]);

function positions<T extends string>(names: readonly T[], offset: number): Readonly<Record<T, number>> {
  return Object.freeze(Object.fromEntries(names.map((n, i) => [n, offset + i])) as Record<T, number>);
}

/** Index of each per-stat feature inside a stat block. */
export const STAT_FEATURE_INDEX = positions(PER_STAT_FEATURES, 0);
/** Absolute index of each context feature in a v1 vector. */
export const CONTEXT_INDEX = positions(CONTEXT_FEATURES, TARGET_STATS.length * PER_STAT_FEATURES.length);
/** Absolute index of the first line feature in a v1 vector. */
export const LINE_OFFSET = TARGET_STATS.length * PER_STAT_FEATURES.length + CONTEXT_FEATURES.length;
