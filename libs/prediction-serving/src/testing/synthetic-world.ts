/** Deterministic synthetic players, feature vectors and outcomes for serving tests and the slate benchmark. */
import type { StatType } from '@propcast/contracts';
import { CONTEXT_FEATURES, FeatureSetV1, PER_STAT_FEATURES, TARGET_STATS, type TargetStat } from '@propcast/features';

/** The feature-set block of each predicted stat. */
export const STAT_BLOCK: Record<StatType, TargetStat> = { POINTS: 'points', REBOUNDS: 'rebounds', ASSISTS: 'assists', THREES: 'threes', PRA: 'pra' };

/** A player's true per-game levels. */
export type PlayerLevels = Record<TargetStat, number>;

/** Levels of a synthetic player (a guard, a big or in between). */
export function playerLevels(random: () => number): PlayerLevels {
  const minutes = 14 + random() * 22;
  const scale = minutes / 30;
  const points = (4 + random() * 24) * scale;
  const rebounds = (2 + random() * 9) * scale;
  const assists = (1 + random() * 8) * scale;
  const threes = random() * 3.5 * scale;
  return { points, rebounds, assists, threes, minutes, pra: points + rebounds + assists };
}

const NAMES = FeatureSetV1.featureNames;
const INDEX = new Map(NAMES.map((n, i) => [n, i]));
const CONTEXT_DEFAULTS: Record<(typeof CONTEXT_FEATURES)[number], (r: () => number) => number> = {
  is_home: (r) => (r() < 0.5 ? 1 : 0),
  rest_days: (r) => 1 + Math.floor(r() * 3),
  back_to_back: (r) => (r() < 0.2 ? 1 : 0),
  games_played_season: (r) => 4 + Math.floor(r() * 60),
  games_vs_opp: (r) => Math.floor(r() * 4),
  minutes_trend: (r) => (r() - 0.5) * 4,
  usage_proxy_last10: (r) => 0.15 + r() * 0.15,
  team_pace_last10: (r) => 96 + r() * 8,
  opp_pace_last10: (r) => 96 + r() * 8,
  opp_allowed_points_last15: (r) => 105 + r() * 15,
  opp_allowed_rebounds_last15: (r) => 40 + r() * 8,
  opp_allowed_assists_last15: (r) => 22 + r() * 6,
};

/** A player-props@v1 vector whose form features scatter around the player's levels (line features missing). */
export function featureVector(levels: PlayerLevels, random: () => number): Float32Array {
  const v = new Float32Array(NAMES.length).fill(NaN);
  const set = (name: string, value: number) => {
    const i = INDEX.get(name);
    if (i !== undefined) v[i] = value;
  };
  for (const stat of TARGET_STATS) {
    const level = levels[stat];
    const noisy = (spread: number) => Math.max(0, level * (1 + (random() - 0.5) * spread));
    const std = Math.max(0.3, Math.sqrt(level) * (0.6 + random() * 0.6));
    const values: Record<(typeof PER_STAT_FEATURES)[number], number> = {
      avg_last3: noisy(0.5),
      avg_last5: noisy(0.35),
      avg_last10: noisy(0.2),
      ema: noisy(0.2),
      season_avg: noisy(0.1),
      std_last10: std,
      min_last10: Math.max(0, level - 1.8 * std),
      max_last10: level + 1.8 * std,
      median_last10: noisy(0.25),
      slope_last10: (random() - 0.5) * 0.4,
      momentum: (random() - 0.5) * level * 0.3,
      avg_vs_opp: random() < 0.3 ? NaN : noisy(0.5),
    };
    for (const f of PER_STAT_FEATURES) set(`${stat}_${f}`, values[f]);
  }
  for (const f of CONTEXT_FEATURES) set(f, CONTEXT_DEFAULTS[f](random));
  return v;
}

/** A realised stat: integer, non-negative, Poisson-like spread around the level. */
export function outcome(levels: PlayerLevels, stat: StatType, random: () => number): number {
  const level = levels[STAT_BLOCK[stat]];
  const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(0, Math.round(level + gaussian * Math.sqrt(level + 0.5)));
}
