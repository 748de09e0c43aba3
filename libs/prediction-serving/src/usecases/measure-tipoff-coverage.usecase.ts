import type { Pool } from 'pg';
import type { StatType } from '@propcast/contracts';
import { servingMetrics } from '../metrics';

/** Props and predicted props of one stat (or ALL) among the games tipping off soon. */
export interface CoverageCount {
  props: number;
  predicted: number;
  /** predicted / props. */
  ratio: number;
}

/** What the next tip-offs look like from the predictions' side. */
export interface TipoffCoverage {
  /** The next scheduled tip-off; null when no scheduled game has a tip-off time ahead. */
  nextTipoffAt: Date | null;
  /** Games tipping off within the window. */
  games: number;
  /** Per stat with lines, and ALL; empty when the games in the window have no lines. */
  byStat: Partial<Record<StatType | 'ALL', CoverageCount>>;
}

/**
 * Coverage at tip-off: of the props (player, game and stat with a stored line) of the games that tip off within the
 * next `windowMinutes`, the share that has a primary prediction, and the next tip-off. Read from the database, so it
 * holds whichever process predicted. Sets `propcast_prediction_coverage_at_tipoff_ratio{stat}` and
 * `propcast_tipoff_window_props{stat}` (no series when no game in the window has lines, so the alert stays quiet)
 * and `propcast_next_tipoff_timestamp_seconds` (0 when none is known).
 */
export class MeasureTipoffCoverageUseCase {
  constructor(private readonly pool: Pool) {}

  async execute(now: Date, windowMinutes: number): Promise<TipoffCoverage> {
    const at = now.toISOString();
    const next = await this.pool.query<{ ms: number | null }>(
      `SELECT (extract(epoch FROM min(tipoff_at)) * 1000)::float8 AS ms FROM games WHERE status = 'SCHEDULED' AND tipoff_at > $1::timestamp`,
      [at],
    );
    const counts = await this.pool.query<{ stat: StatType | null; games: number; props: number; predicted: number }>(
      `WITH soon AS (
         SELECT id, game_date FROM games
         WHERE status = 'SCHEDULED' AND tipoff_at > $1::timestamp AND tipoff_at <= $1::timestamp + make_interval(mins => $2)
       ), props AS (
         SELECT DISTINCT l.player_id, l.game_id, l.stat, s.game_date FROM prop_lines l JOIN soon s ON s.id = l.game_id AND l.game_date = s.game_date
       ), covered AS (
         SELECT props.stat, EXISTS (
           SELECT 1 FROM predictions p
           WHERE p.game_date = props.game_date AND p.stat = props.stat AND p.game_id = props.game_id AND p.player_id = props.player_id AND p.role = 'PRIMARY'
         ) AS predicted
         FROM props
       )
       SELECT stat, (SELECT count(*) FROM soon)::int AS games, count(*)::int AS props, count(*) FILTER (WHERE predicted)::int AS predicted
       FROM covered GROUP BY ROLLUP (stat)`,
      [at, windowMinutes],
    );
    // ROLLUP always returns the grand total (ALL), even over no props: it carries the game count.
    const byStat: TipoffCoverage['byStat'] = {};
    for (const r of counts.rows) if (r.props > 0) byStat[r.stat ?? 'ALL'] = { props: r.props, predicted: r.predicted, ratio: r.predicted / r.props };
    const coverage: TipoffCoverage = { nextTipoffAt: next.rows[0].ms === null ? null : new Date(next.rows[0].ms), games: counts.rows[0].games, byStat };
    publish(coverage);
    return coverage;
  }
}

function publish(c: TipoffCoverage): void {
  const m = servingMetrics;
  m.nextTipoff.set(c.nextTipoffAt === null ? 0 : c.nextTipoffAt.getTime() / 1000);
  m.tipoffCoverage.reset();
  m.tipoffWindowProps.reset();
  for (const [stat, count] of Object.entries(c.byStat)) {
    m.tipoffCoverage.set({ stat }, count.ratio);
    m.tipoffWindowProps.set({ stat }, count.props);
  }
}
