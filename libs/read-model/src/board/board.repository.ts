import type { Pool } from 'pg';

/** What the board page needs from the database before its script loads the data. */
export class BoardRepository {
  constructor(private readonly pool: Pool) {}

  /** The latest `n` game dates with predictions, newest first. */
  async recentDates(n: number): Promise<string[]> {
    const r = await this.pool.query<{ d: string }>(
      `WITH RECURSIVE dates(d) AS (
         (SELECT game_date FROM predictions ORDER BY game_date DESC LIMIT 1)
         UNION ALL
         SELECT (SELECT p.game_date FROM predictions p WHERE p.game_date < dates.d ORDER BY p.game_date DESC LIMIT 1) FROM dates WHERE dates.d IS NOT NULL)
       SELECT d::text FROM dates WHERE d IS NOT NULL LIMIT $1`,
      [n],
    );
    return r.rows.map((x) => x.d);
  }
}
