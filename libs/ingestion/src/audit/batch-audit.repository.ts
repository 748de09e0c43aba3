import type { Pool, PoolClient } from 'pg';
import type { IngestKind } from '../usecases/ingest-kind';
import type { BatchRecord } from './batch-audit';

/** SQL of ingest_batches: the audit row of every import. Stateless: each method runs on the pool or the caller's transaction. */
export class BatchAuditRepository {
  /** The earliest ACCEPTED batch of this kind with these exact bytes, if any. */
  async findAccepted(db: Pool | PoolClient, sha256: string, kind: IngestKind): Promise<{ id: string; artifactUri: string } | null> {
    const result = await db.query<{ id: string; artifact_uri: string }>(
      `SELECT id, artifact_uri FROM ingest_batches WHERE sha256 = $1 AND kind = $2::"IngestKind" AND status = 'ACCEPTED' ORDER BY created_at LIMIT 1`,
      [sha256, kind],
    );
    const row = result.rows[0];
    return row ? { id: row.id, artifactUri: row.artifact_uri } : null;
  }

  /**
   * Stamps, after the commit, when the batch's rows became visible, by the database clock: a feature computation
   * whose run started after this instant has seen them (how the feature store skips events it already covered).
   */
  async markCommitted(db: Pool | PoolClient, batchId: string): Promise<void> {
    await db.query(`UPDATE ingest_batches SET committed_at = clock_timestamp() AT TIME ZONE 'UTC' WHERE id = $1`, [batchId]);
  }

  /** Inserts the batch's `ingest_batches` row. */
  async insert(db: Pool | PoolClient, b: BatchRecord): Promise<void> {
    await db.query(
      `INSERT INTO ingest_batches (id, kind, source, format, sha256, artifact_uri, status, rows_total, rows_accepted, rows_rejected,
         rows_inserted, rows_updated, rows_unchanged, errors, flags, game_dates, reject_uri, created_at, finished_at, actor)
       VALUES ($1, $2::"IngestKind", $3, $4, $5, $6, $7::"IngestStatus", $8, $9, $10, $11, $12, $13, $14::jsonb, $15::jsonb, $16::text[], $17, $18::timestamp(3), $19::timestamp(3), $20)`,
      [
        b.id,
        b.kind,
        b.source,
        b.format,
        b.sha256,
        b.artifactUri,
        b.status,
        b.rowsTotal,
        b.rowsAccepted,
        b.rowsRejected,
        b.rowsInserted,
        b.rowsUpdated,
        b.rowsUnchanged,
        b.errors === null ? null : JSON.stringify(b.errors),
        b.flags === null ? null : JSON.stringify(b.flags),
        b.gameDates,
        b.rejectUri,
        b.createdAt.toISOString(),
        b.finishedAt.toISOString(),
        b.actor,
      ],
    );
  }
}
