import { NOW_UTC, type Queryable } from '../sql';

/** trigger_records: which feature processors reported which game date (first report wins). */
export class TriggerRepository {
  /** Records a processor's report for a date; the first report wins (duplicates and late deliveries change nothing). */
  async record(db: Queryable, gameDate: string, processor: string, messageId: string): Promise<void> {
    await db.query(
      `INSERT INTO trigger_records (game_date, processor, message_id, received_at) VALUES ($1, $2, $3, ${NOW_UTC})
       ON CONFLICT (game_date, processor) DO NOTHING`,
      [gameDate, processor, messageId],
    );
  }

  /** The processors among `processors` that reported the date. */
  async reported(db: Queryable, gameDate: string, processors: readonly string[]): Promise<string[]> {
    const r = await db.query<{ processor: string }>('SELECT processor FROM trigger_records WHERE game_date = $1 AND processor = ANY($2::text[]) ORDER BY processor', [gameDate, processors]);
    return r.rows.map((t) => t.processor);
  }

  /** Whether the date has a game still to be played: only such a date has a slate worth a batch. */
  async hasScheduledGames(db: Queryable, gameDate: string): Promise<boolean> {
    const r = await db.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM games WHERE game_date = $1 AND status = 'SCHEDULED') AS any`, [gameDate]);
    return r.rows[0]?.any === true;
  }
}
