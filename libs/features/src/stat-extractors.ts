import { TARGET_STATS, V1_PARAMS } from './feature-set-v1';
import type { PlayerGameLog, TeamGameLog } from './types';

/** A game counts as played (and feeds every player feature) only when not DNP and minutes > 0. */
export function isPlayed(log: PlayerGameLog): boolean {
  return !log.dnp && log.minutes > 0;
}

function known(v: number | null): number {
  return v ?? NaN;
}

/** Writes the target stats of a log into `out` in TARGET_STATS order; an unknown stat is NaN (PRA needs all three parts). */
export function extractTargetStats(log: PlayerGameLog, out: Float64Array): void {
  const pts = known(log.pts);
  const reb = known(log.reb);
  const ast = known(log.ast);
  out[0] = pts;
  out[1] = reb;
  out[2] = ast;
  out[3] = known(log.fg3m);
  out[4] = log.minutes;
  out[5] = pts + reb + ast;
}

/** Usage numerator of one game, FGA + 0.44 FTA + TOV; NaN when any part is unknown. */
export function usageLoad(log: PlayerGameLog): number {
  return known(log.fga) + V1_PARAMS.ftaPossessionWeight * known(log.fta) + known(log.tov);
}

/** Possession estimate of one team game, FGA + 0.44 FTA - OREB + TOV; NaN when any part is unknown. */
export function estimatePossessions(team: Pick<TeamGameLog, 'fga' | 'fta' | 'oreb' | 'tov'>): number {
  return known(team.fga) + V1_PARAMS.ftaPossessionWeight * known(team.fta) - known(team.oreb) + known(team.tov);
}

/** Number of target stats (length of the buffer extractTargetStats fills). */
export const TARGET_STAT_COUNT = TARGET_STATS.length;
