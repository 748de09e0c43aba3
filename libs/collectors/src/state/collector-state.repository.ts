import type { IngestKind } from '@propcast/ingestion';
import { withPgTransaction } from '@propcast/db';
import type { Pool } from 'pg';

/** A fetched snapshot, ready for the ingestion API. */
export interface SnapshotRecord {
  /** Deterministic per observation (e.g. odds:props:<event>:<captured_at>): the same observation is stored once. */
  id: string;
  collector: string;
  kind: IngestKind;
  capturedAt: Date;
  sourceUrl: string;
  query: string;
  contentType: string;
  body: Buffer;
  sha256: string;
  rows: number;
}

/** A stored snapshot and what became of it. */
export interface StoredSnapshot extends SnapshotRecord {
  postedAt: Date | null;
  attempts: number;
  batchId: string | null;
  ingestStatus: string | null;
  lastError: string | null;
}

/** A cursor to move in the same transaction as a snapshot. */
export interface CursorUpdate {
  collector: string;
  key: string;
  value: string;
}

/** Outcome of one collector run, folded into collector_status. */
export interface RunOutcome {
  at: Date;
  ok: boolean;
  rows: number;
  errors: number;
  error?: string;
  quotaRemaining?: number;
  quotaUsed?: number;
}

/** A collector's health row. */
export interface CollectorStatusRow {
  collector: string;
  lastRunAt: Date | null;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  rowsTotal: number;
  errorsTotal: number;
  quotaRemaining: number | null;
  quotaUsed: number | null;
  pendingSnapshots: number;
}

const SNAPSHOT_COLUMNS = `id, collector, kind, captured_at AS "capturedAt", source_url AS "sourceUrl", query, content_type AS "contentType", body, sha256, rows,
  posted_at AS "postedAt", attempts, batch_id AS "batchId", ingest_status AS "ingestStatus", last_error AS "lastError"`;

/** The SQL of the collectors: cursors, the snapshot outbox and each collector's status. */
export class CollectorStateRepository {
  constructor(private readonly pool: Pool) {}

  /** The value of a cursor, or null. */
  async cursor(collector: string, key: string): Promise<string | null> {
    const r = await this.pool.query<{ value: string }>(`SELECT value FROM collector_cursors WHERE collector = $1 AND key = $2`, [collector, key]);
    return r.rows[0]?.value ?? null;
  }

  /** Every cursor of a collector whose key starts with `prefix`, as a map. */
  async cursors(collector: string, prefix: string): Promise<Map<string, string>> {
    const r = await this.pool.query<{ key: string; value: string }>(`SELECT key, value FROM collector_cursors WHERE collector = $1 AND starts_with(key, $2)`, [collector, prefix]);
    return new Map(r.rows.map((row) => [row.key, row.value]));
  }

  /** Sets cursors. */
  async setCursors(updates: readonly CursorUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    await withPgTransaction(this.pool, async (client) => {
      for (const u of updates) await client.query(UPSERT_CURSOR, [u.collector, u.key, u.value]);
    });
  }

  /**
   * Stores a snapshot and moves its cursors in one transaction, so a restart finds both or neither; a snapshot
   * already stored under the same id is kept as it is. True when it was new.
   */
  async storeSnapshot(s: SnapshotRecord, cursors: readonly CursorUpdate[] = []): Promise<boolean> {
    return withPgTransaction(this.pool, async (client) => {
      const r = await client.query(
        `INSERT INTO collector_snapshots (id, collector, kind, captured_at, source_url, query, content_type, body, sha256, rows)
         VALUES ($1, $2, $3::"IngestKind", $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
        [s.id, s.collector, s.kind, s.capturedAt, s.sourceUrl, s.query, s.contentType, s.body, s.sha256, s.rows],
      );
      for (const u of cursors) await client.query(UPSERT_CURSOR, [u.collector, u.key, u.value]);
      return r.rowCount === 1;
    });
  }

  /** True when a snapshot with this id was stored. */
  async hasSnapshot(id: string): Promise<boolean> {
    const r = await this.pool.query(`SELECT 1 FROM collector_snapshots WHERE id = $1`, [id]);
    return r.rowCount === 1;
  }

  /** Snapshots of a collector the ingestion API has not answered for yet, oldest capture first. */
  async pending(collector: string): Promise<StoredSnapshot[]> {
    const r = await this.pool.query<StoredSnapshot>(`SELECT ${SNAPSHOT_COLUMNS} FROM collector_snapshots WHERE collector = $1 AND posted_at IS NULL ORDER BY captured_at, created_at, id`, [collector]);
    return r.rows;
  }

  /** Every snapshot of a collector, oldest capture first. */
  async snapshots(collector: string): Promise<StoredSnapshot[]> {
    const r = await this.pool.query<StoredSnapshot>(`SELECT ${SNAPSHOT_COLUMNS} FROM collector_snapshots WHERE collector = $1 ORDER BY captured_at, created_at, id`, [collector]);
    return r.rows;
  }

  /** Records the ingestion API's answer: the snapshot is done (accepted, duplicate, partial or rejected). */
  async markAnswered(id: string, answer: { at: Date; batchId: string | null; status: string; error?: string }): Promise<void> {
    await this.pool.query(`UPDATE collector_snapshots SET posted_at = $2, batch_id = $3, ingest_status = $4, last_error = $5, attempts = attempts + 1 WHERE id = $1`, [
      id,
      answer.at,
      answer.batchId,
      answer.status,
      answer.error ?? null,
    ]);
  }

  /** Records a failed post (ingestion unreachable, 503...): the snapshot stays pending for the next run. */
  async markAttemptFailed(id: string, error: string): Promise<void> {
    await this.pool.query(`UPDATE collector_snapshots SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [id, error]);
  }

  /** Folds a run into the collector's status row. */
  async recordRun(collector: string, o: RunOutcome): Promise<void> {
    await this.pool.query(
      `INSERT INTO collector_status AS s (collector, last_run_at, last_success_at, last_error_at, last_error, rows_total, errors_total, quota_remaining, quota_used, updated_at)
       VALUES ($1, $2::timestamptz, CASE WHEN $3::boolean THEN $2::timestamptz END, CASE WHEN $4::text IS NOT NULL THEN $2::timestamptz END, $4::text, $5::bigint, $6::bigint, $7::int, $8::int, now())
       ON CONFLICT (collector) DO UPDATE SET
         last_run_at = EXCLUDED.last_run_at,
         last_success_at = COALESCE(EXCLUDED.last_success_at, s.last_success_at),
         last_error_at = COALESCE(EXCLUDED.last_error_at, s.last_error_at),
         last_error = COALESCE(EXCLUDED.last_error, s.last_error),
         rows_total = s.rows_total + EXCLUDED.rows_total,
         errors_total = s.errors_total + EXCLUDED.errors_total,
         quota_remaining = COALESCE(EXCLUDED.quota_remaining, s.quota_remaining),
         quota_used = COALESCE(EXCLUDED.quota_used, s.quota_used),
         updated_at = now()`,
      [collector, o.at, o.ok, o.error ?? null, o.rows, o.errors, o.quotaRemaining ?? null, o.quotaUsed ?? null],
    );
  }

  /** The last quota the odds collector was told (remaining credits), or null. */
  async quotaRemaining(collector: string): Promise<number | null> {
    const r = await this.pool.query<{ q: number | null }>(`SELECT quota_remaining AS q FROM collector_status WHERE collector = $1`, [collector]);
    return r.rows[0]?.q ?? null;
  }

  /** Every collector's status with its pending snapshot count (metrics). */
  async statuses(): Promise<CollectorStatusRow[]> {
    const r = await this.pool.query<CollectorStatusRow>(
      `SELECT s.collector, s.last_run_at AS "lastRunAt", s.last_success_at AS "lastSuccessAt", s.last_error_at AS "lastErrorAt", s.last_error AS "lastError",
              s.rows_total::float8 AS "rowsTotal", s.errors_total::float8 AS "errorsTotal", s.quota_remaining AS "quotaRemaining", s.quota_used AS "quotaUsed",
              (SELECT count(*)::int FROM collector_snapshots p WHERE p.collector = s.collector AND p.posted_at IS NULL) AS "pendingSnapshots"
         FROM collector_status s ORDER BY s.collector`,
    );
    return r.rows;
  }
}

const UPSERT_CURSOR = `INSERT INTO collector_cursors (collector, key, value, updated_at) VALUES ($1, $2, $3, now())
  ON CONFLICT (collector, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`;
