import { ALL_STATS, MINUTES_TARGET, type ModelTarget, type StatType } from '@propcast/contracts';
import { InvalidTrainingRequestError } from './errors';

/** How a prop stat maps onto box-score columns and feature-set v1 names. */
export interface StatDefinition {
  stat: ModelTarget;
  /** Prefix of the stat's per-stat feature block, e.g. `points` in `points_season_avg`. */
  featurePrefix: string;
  /** Lower-case name used in artifact keys (`models/<key>/v<version>/...`) and model ids. */
  key: string;
}

/** The five prop stats and the minutes model's target, each with its feature prefix and artifact key. */
export const STAT_DEFINITIONS: Readonly<Record<ModelTarget, StatDefinition>> = Object.freeze({
  POINTS: { stat: 'POINTS', featurePrefix: 'points', key: 'points' },
  REBOUNDS: { stat: 'REBOUNDS', featurePrefix: 'rebounds', key: 'rebounds' },
  ASSISTS: { stat: 'ASSISTS', featurePrefix: 'assists', key: 'assists' },
  THREES: { stat: 'THREES', featurePrefix: 'threes', key: 'threes' },
  PRA: { stat: 'PRA', featurePrefix: 'pra', key: 'pra' },
  MINUTES: { stat: 'MINUTES', featurePrefix: 'minutes', key: 'minutes' },
});

/** Box-score counts a target is computed from (player_game_stats columns). */
export interface BoxScoreCounts {
  pts: number | null;
  reb: number | null;
  ast: number | null;
  fg3m: number | null;
}

/** The realised value of `stat` in a box score; NaN when a needed count is unknown (PRA needs all three). */
export function targetValue(stat: StatType, box: BoxScoreCounts): number {
  const v = (x: number | null): number => (x === null ? Number.NaN : x);
  switch (stat) {
    case 'POINTS':
      return v(box.pts);
    case 'REBOUNDS':
      return v(box.reb);
    case 'ASSISTS':
      return v(box.ast);
    case 'THREES':
      return v(box.fg3m);
    case 'PRA':
      return v(box.pts) + v(box.reb) + v(box.ast);
  }
}

/**
 * Parses `points`, `POINTS`, `minutes` or `all` (every prop stat) into model targets; throws InvalidTrainingRequestError
 * otherwise. `minutes,all` trains the minutes model first, then the stats (what v2 stat models with the projection need).
 */
export function parseStats(input: string | readonly string[]): ModelTarget[] {
  const items = (typeof input === 'string' ? input.split(',') : [...input]).map((s) => s.trim().toUpperCase()).filter(Boolean);
  const stats: ModelTarget[] = [];
  const add = (stat: ModelTarget): void => {
    if (!stats.includes(stat)) stats.push(stat);
  };
  for (const item of items) {
    if (item === 'ALL') ALL_STATS.forEach(add);
    else if (item === MINUTES_TARGET || (ALL_STATS as readonly string[]).includes(item)) add(item as ModelTarget);
    else throw new InvalidTrainingRequestError(`unknown stat "${item}"; expected one of ${ALL_STATS.join(', ')}, ${MINUTES_TARGET} or all`);
  }
  if (stats.length === 0) throw new InvalidTrainingRequestError('no stat given');
  return stats;
}

/** True when the target is a prop stat (not the minutes model's MINUTES). */
export function isPropStat(target: ModelTarget): target is StatType {
  return target !== MINUTES_TARGET;
}

/** A record with one value per stat, built by `make`. */
export function byStat<T>(make: (stat: StatType) => T): Record<StatType, T> {
  return Object.fromEntries(ALL_STATS.map((s) => [s, make(s)])) as Record<StatType, T>;
}
