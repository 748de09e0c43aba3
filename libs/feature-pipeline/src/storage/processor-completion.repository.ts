import type { PoolClient } from 'pg';

/** Rows written for one date. */
export interface DateRows {
  date: string;
  rows: number;
}

/** The processor_completions table: which processor finished which date of a feature set, and with how many rows. */
export class ProcessorCompletionRepository {
  /** Upserts one completion per (processor, date) on `client` (inside the transaction that wrote the rows). */
  async record(client: PoolClient, featureSetId: string, processors: readonly string[], dates: readonly DateRows[]): Promise<void> {
    if (processors.length === 0 || dates.length === 0) return;
    const names = processors.flatMap((p) => dates.map(() => p));
    const days = processors.flatMap(() => dates.map((d) => d.date));
    const rows = processors.flatMap(() => dates.map((d) => d.rows));
    await client.query(
      `INSERT INTO processor_completions (processor, game_date, feature_set_id, rows, completed_at)
       SELECT p, d, $1, n, now() AT TIME ZONE 'UTC' FROM unnest($2::text[], $3::date[], $4::int[]) AS t(p, d, n)
       ON CONFLICT (processor, game_date, feature_set_id) DO UPDATE SET rows = EXCLUDED.rows, completed_at = EXCLUDED.completed_at`,
      [featureSetId, names, days, rows],
    );
  }
}
