import { defineFeatureSet, type FeatureSet } from './feature-set';
import { FeatureSetV2 } from './feature-set-v2';

/**
 * Game environment relative to the era's scoring (league average points of one game, season so far, from box scores
 * of earlier dates): total and implied team total minus that level (and half of it), spread divided by it. Training rows
 * of 2012-21 then speak the units of later seasons, whose totals are 10-30 points higher.
 */
export const ERA_RELATIVE_FEATURES = ['game_total_vs_league', 'implied_team_total_vs_league', 'team_spread_share'] as const;

/** Bump when a v3 computation changes (then also bump the version). */
const V3_DEFINITION_VERSION = 'player-props/3.0';

/** Feature set v3 (issue #19): every v2 feature, then the era-relative game environment. */
export const FeatureSetV3: FeatureSet = defineFeatureSet('player-props', 3, V3_DEFINITION_VERSION, [...FeatureSetV2.featureNames, ...ERA_RELATIVE_FEATURES]);

/** Absolute index of each era-relative feature in a v3 vector. */
export const V3_INDEX: Readonly<Record<(typeof ERA_RELATIVE_FEATURES)[number], number>> = Object.freeze(
  Object.fromEntries(ERA_RELATIVE_FEATURES.map((name, i) => [name, FeatureSetV2.featureNames.length + i])) as Record<(typeof ERA_RELATIVE_FEATURES)[number], number>,
);
