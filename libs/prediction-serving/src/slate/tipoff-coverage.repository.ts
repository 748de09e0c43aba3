import type { StatType } from '@propcast/contracts';
import type { Queryable } from '../sql';

/** One row of the tip-off coverage rollup: a stat (null = all stats), the window's games, props and predicted props. */
export interface CoverageRow {
  stat: StatType | null;
  games: number;
  props: number;
  predicted: number;
}

/** Reads the games tipping off soon, their prop lines and primary predictions (for coverage at tip-off). */
export class TipoffCoverageRepository {
  /** Epoch milliseconds of the next scheduled tip-off after `at`, or null. */
  async nextTipoffMs(db: Queryable, at: string): Promise<number | null> {
    const r = await db.query<{ ms: number | null }>(`SELECT (extract(epoch FROM min(tipoff_at)) * 1000)::float8 AS ms FROM games WHERE status = 'SCHEDULED' AND tipoff_at > $1::timestamp`, [at]);
    return r.rows[0]?.ms ?? null;
  }

  /** Props and predicted props per stat of the games tipping off within `windowMinutes` of `at`, with the ROLLUP total (stat null). */
  async coverageRows(db: Queryable, at: string, windowMinutes: number): Promise<CoverageRow[]> {
    const r = await db.query<CoverageRow>(
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
    return r.rows;
  }
}
