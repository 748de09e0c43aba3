import { defineFeatureSet, type FeatureSet } from './feature-set';
import { FeatureSetV1 } from './feature-set-v1';
import { PROP_STATS } from './types';

/** Availability features: the player's own status and what his teammates reported out leave free. */
export const AVAILABILITY_FEATURES = ['own_status', 'teammates_out', 'teammates_doubtful', 'starters_out', 'vacated_minutes', 'vacated_fga', 'vacated_usage'] as const;

/** Role features: how often the player started lately and how much of the team's recent minutes he took. */
export const ROLE_FEATURES = ['start_rate_last10', 'rotation_minutes_last10'] as const;

/** Game environment from game lines captured before the cutoff, from the player's team's point of view. */
export const GAME_ENVIRONMENT_FEATURES = ['team_spread', 'game_total', 'implied_team_total', 'blowout_risk'] as const;

/** Prop line movement per market (latest minus first snapshot before the cutoff), `line_move_<stat>` in PROP_STATS order. */
export const LINE_MOVE_FEATURES: readonly string[] = PROP_STATS.map((stat) => `line_move_${stat.toLowerCase()}`);

/** Every feature v2 adds after the v1 vector, in order. */
export const V2_EXTRA_FEATURES: readonly string[] = [...AVAILABILITY_FEATURES, ...ROLE_FEATURES, ...GAME_ENVIRONMENT_FEATURES, ...LINE_MOVE_FEATURES];

/** Windows and thresholds of v2 (part of the definition: changing one means a new version). */
export const V2_PARAMS = Object.freeze({
  /** Team games a rotation spans: a teammate's minutes, shots and usage are averaged over them (missed games count 0). */
  rotationGames: 10,
  /** A teammate counts as a starter when he started at least this share of the rotation's games. */
  starterShare: 0.5,
  /** Played games the start rate spans. */
  roleWindow: 10,
});

/** Numeric value of each status in `own_status` (0 = no doubt, 1 = out); no report for a team that reported = 0. */
export const STATUS_SEVERITY = Object.freeze({ AVAILABLE: 0, PROBABLE: 0.25, QUESTIONABLE: 0.5, DOUBTFUL: 0.75, OUT: 1 });

/** Bump when a v2 computation changes (then also bump the version). */
const V2_DEFINITION_VERSION = 'player-props/2.0';

/** Feature set v2 (issue #19): every v1 feature, then availability, role, game environment and line movement. */
export const FeatureSetV2: FeatureSet = defineFeatureSet('player-props', 2, V2_DEFINITION_VERSION, [...FeatureSetV1.featureNames, ...V2_EXTRA_FEATURES]);

/** Absolute index of each v2 extra feature in a v2 vector. */
export const V2_INDEX: Readonly<Record<string, number>> = Object.freeze(Object.fromEntries(V2_EXTRA_FEATURES.map((name, i) => [name, FeatureSetV1.featureNames.length + i])));
