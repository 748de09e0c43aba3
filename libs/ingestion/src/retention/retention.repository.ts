import type { Pool, PoolClient } from 'pg';

/** A batch whose rejected bytes (raw input of a REJECTED batch, reject file of a PARTIAL one) outlived their retention. */
export interface ExpiredRejects {
  id: string;
  status: 'REJECTED' | 'PARTIAL';
  /** Raw input of a REJECTED batch ('' when none was kept). */
  rawUri: string;
  rejectUri: string | null;
}

type Db = Pool | PoolClient;

/** SQL of the retention of rejected imports (ingest_batches). */
export class RetentionRepository {
  /** Batches created more than `olderThanDays` ago that still hold rejected bytes, oldest first. */
  async expiredRejects(db: Db, olderThanDays: number, limit: number): Promise<ExpiredRejects[]> {
    const result = await db.query<{ id: string; status: 'REJECTED' | 'PARTIAL'; artifact_uri: string; reject_uri: string | null }>(
      `SELECT id, status::text AS status, artifact_uri, reject_uri FROM ingest_batches
        WHERE created_at < (now() AT TIME ZONE 'UTC') - ($1::int * interval '1 day')
          AND ((status = 'REJECTED' AND artifact_uri <> '') OR (status IN ('REJECTED', 'PARTIAL') AND reject_uri IS NOT NULL))
        ORDER BY created_at
        LIMIT $2`,
      [olderThanDays, limit],
    );
    return result.rows.map((r) => ({ id: r.id, status: r.status, rawUri: r.status === 'REJECTED' ? r.artifact_uri : '', rejectUri: r.reject_uri }));
  }

  /** Records that a batch's rejected bytes are gone: no URI left to follow, and when it happened in flags.purgedAt. */
  async markPurged(db: Db, id: string, at: Date): Promise<void> {
    await db.query(
      `UPDATE ingest_batches
          SET artifact_uri = CASE WHEN status = 'REJECTED' THEN '' ELSE artifact_uri END,
              reject_uri = NULL,
              flags = coalesce(flags, '{}'::jsonb) || jsonb_build_object('purgedAt', $2::text)
        WHERE id = $1`,
      [id, at.toISOString()],
    );
  }

  /** Which of these batch ids have an ingest_batches row. */
  async existingBatchIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const result = await db.query<{ id: string }>(`SELECT id FROM ingest_batches WHERE id = ANY($1::text[])`, [ids]);
    return new Set(result.rows.map((r) => r.id));
  }
}
