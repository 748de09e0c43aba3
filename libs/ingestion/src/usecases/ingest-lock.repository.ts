import type { PoolClient } from 'pg';

/** Advisory lock key of the ingestion lock (imports, merges and alias changes never interleave). */
export const INGEST_LOCK_KEY = 4_242_004;

/** The ingestion lock: held until the caller's transaction ends. */
export class IngestLockRepository {
  async lockForTransaction(client: PoolClient): Promise<void> {
    await client.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK_KEY]);
  }
}
