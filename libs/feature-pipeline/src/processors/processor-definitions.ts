import { CONTEXT_FEATURES, ERA_RELATIVE_FEATURES, LINE_FEATURES, PER_STAT_FEATURES, TARGET_STATS, V2_EXTRA_FEATURES } from '@propcast/features';

/** A named stage of the per-date feature pipeline: the feature columns it owns and the stages it runs after. */
export interface ProcessorDefinition {
  readonly name: string;
  readonly description: string;
  readonly dependsOn: readonly string[];
  /** True when this processor produces the feature column `featureName`. */
  owns(featureName: string): boolean;
}

const TEAM_COLUMNS = new Set<string>(CONTEXT_FEATURES.filter((f) => f.startsWith('team_') || f.startsWith('opp_')));
const FORM_COLUMNS = new Set<string>(TARGET_STATS.flatMap((stat) => PER_STAT_FEATURES.map((f) => `${stat}_${f}`)));
// v2's availability, role, game-environment and line-movement columns (and v3's era-relative ones) complete a row too.
const CONTEXT_COLUMNS = new Set<string>([...CONTEXT_FEATURES.filter((f) => !TEAM_COLUMNS.has(f)), ...LINE_FEATURES, ...V2_EXTRA_FEATURES, ...ERA_RELATIVE_FEATURES]);

/** Every processor this service knows, in their default (dependency) order. */
export const PROCESSOR_DEFINITIONS: readonly ProcessorDefinition[] = [
  {
    name: 'team-defense',
    description: 'team pace and what opponents allowed (points, rebounds, assists) over their recent games',
    dependsOn: [],
    owns: (f) => TEAM_COLUMNS.has(f),
  },
  {
    name: 'player-form',
    description: 'rolling form of each target stat: averages, EMA, spread, trend, season and head-to-head averages',
    dependsOn: [],
    owns: (f) => FORM_COLUMNS.has(f),
  },
  {
    name: 'player-context',
    description:
      'game context that completes a row: home/away, rest, games played, minutes trend, usage, prop lines (v2: availability, role, game lines, line movement; v3: game lines against the league scoring level)',
    dependsOn: ['team-defense', 'player-form'],
    owns: (f) => CONTEXT_COLUMNS.has(f),
  },
];

/** The FEATURE_PROCESSORS default: every known processor, in dependency order. */
export const DEFAULT_FEATURE_PROCESSORS = PROCESSOR_DEFINITIONS.map((p) => p.name).join(',');
