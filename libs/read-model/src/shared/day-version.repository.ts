import { createHash } from 'node:crypto';
import type { Pool } from 'pg';

/**
 * A fingerprint of everything a game day's read views are computed from: the day's predictions, their re-pricings and batches,
 * line snapshots, box scores and games, and the production models. Row counts catch deletions, the newest row
 * version (xmin) catches inserts and in-place updates (a re-imported line, a stat correction, a final score).
 * Not covered: player names and box scores of earlier days (a player's team is read from them), which change
 * the day's views only in labels.
 */
export class DayVersionRepository {
  constructor(private readonly pool: Pool) {}

  async of(date: string): Promise<string> {
    const version = (table: string, where: string) => `(SELECT count(*)::text || '/' || coalesce(max(xmin::text::bigint), 0)::text FROM ${table} WHERE ${where})`;
    const day = 'game_date = $1::date';
    const r = await this.pool.query<{ v: string }>({
      text: `SELECT concat_ws('|', ${version('predictions', day)}, ${version('prediction_prices', day)}, ${version('prediction_batches', day)}, ${version('prop_lines', day)},
                                   ${version('player_game_stats', day)}, ${version('games', day)}, ${version('models', "status = 'PRODUCTION'")}) AS v`,
      values: [date],
    });
    return createHash('sha1').update(`${date}|${r.rows[0].v}`).digest('hex').slice(0, 20);
  }
}
