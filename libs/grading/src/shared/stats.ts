import { ALL_STATS, type StatType } from '@propcast/contracts';
import { InvalidGradingRequestError } from '../errors';

/** Box-score counts a stat is computed from (null = unknown in the box score). */
export interface BoxScoreCounts {
  pts: number | null;
  reb: number | null;
  ast: number | null;
  fg3m: number | null;
}

/** The realised value of a prop stat in a box score; null when a needed count is unknown (PRA needs all three). */
export function statValue(stat: StatType, box: BoxScoreCounts): number | null {
  switch (stat) {
    case 'POINTS':
      return box.pts;
    case 'REBOUNDS':
      return box.reb;
    case 'ASSISTS':
      return box.ast;
    case 'THREES':
      return box.fg3m;
    case 'PRA':
      return box.pts === null || box.reb === null || box.ast === null ? null : box.pts + box.reb + box.ast;
  }
}

/** Prefix of a stat's per-stat features in player-props feature sets (`points_season_avg`, ...). */
export function featurePrefix(stat: StatType): string {
  return stat === 'PRA' ? 'pra' : stat.toLowerCase();
}

/** Parses one stat name (case-insensitive); throws InvalidGradingRequestError naming the known ones. */
export function parseStat(value: string): StatType {
  const upper = value.trim().toUpperCase();
  if (!(ALL_STATS as readonly string[]).includes(upper)) throw new InvalidGradingRequestError(`unknown stat "${value}" (known: ${ALL_STATS.join(', ')})`);
  return upper as StatType;
}

/** Parses a comma-separated stat list (case-insensitive); all stats when empty. */
export function parseStats(input: string | undefined): StatType[] {
  const parts = (input ?? '').split(',').filter((s) => s.trim() !== '');
  return parts.length === 0 ? [...ALL_STATS] : [...new Set(parts.map(parseStat))];
}
