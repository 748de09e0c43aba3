import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Pool, PoolClient } from 'pg';
import type { ArtifactRef, ArtifactStore } from '@propcast/artifact-store';
import { isGzip } from '../input/raw-input';
import type { IngestKind } from '../usecases/ingest-kind';
import type { RowProblem } from '../validation/problems';

const gzipAsync = promisify(gzip);

/** Final state of a batch (Prisma enum IngestStatus). */
export type IngestStatus = 'ACCEPTED' | 'PARTIAL' | 'REJECTED' | 'DUPLICATE';

/** One `ingest_batches` row. */
export interface BatchRecord {
  id: string;
  /** The API key name that sent the batch; null for in-process imports. */
  actor: string | null;
  kind: IngestKind;
  source: string;
  format: string;
  sha256: string;
  artifactUri: string;
  status: IngestStatus;
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  errors: { total: number; problems: RowProblem[] } | null;
  flags: Record<string, unknown> | null;
  gameDates: string[];
  rejectUri: string | null;
  createdAt: Date;
  finishedAt: Date;
}

/** A rejected row as written to the reject file: its problems and what it held. */
export interface RejectedRow {
  row: number;
  problems: { field: string; message: string }[];
  record: Record<string, unknown>;
}

/** `raw/<kind>/<date>/<batch>.<csv|json|ndjson>.gz`: where a batch's original bytes are kept, gzipped. */
export function rawArtifactKey(slug: string, createdAt: Date, batchId: string, container: string): string {
  return `raw/${slug}/${createdAt.toISOString().slice(0, 10)}/${batchId}.${container}.gz`;
}

/** `rejects/<batch>.ndjson.gz`: the rows a partial batch did not write, with the reasons. */
export function rejectsArtifactKey(batchId: string): string {
  return `rejects/${batchId}.ndjson.gz`;
}

/** Stores the batch's original bytes gzipped (as received when they already are gzip). */
export async function archiveRaw(store: ArtifactStore, key: string, bytes: Buffer, metadata: Record<string, string>): Promise<ArtifactRef> {
  const body = isGzip(bytes) ? bytes : await gzipAsync(bytes);
  return store.put(key, body, { contentType: 'application/gzip', metadata });
}

/** Writes the rejected rows, one JSON object per line, gzipped. */
export async function writeRejects(store: ArtifactStore, key: string, rejects: readonly RejectedRow[]): Promise<ArtifactRef> {
  const ndjson = rejects.map((r) => JSON.stringify(r)).join('\n') + '\n';
  return store.put(key, await gzipAsync(Buffer.from(ndjson)), { contentType: 'application/gzip' });
}

/** The earliest ACCEPTED batch of this kind with these exact bytes, if any. */
export async function findAcceptedBatch(db: Pool | PoolClient, sha256: string, kind: IngestKind): Promise<{ id: string; artifactUri: string } | null> {
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
export async function markBatchCommitted(db: Pool | PoolClient, batchId: string): Promise<void> {
  await db.query(`UPDATE ingest_batches SET committed_at = clock_timestamp() AT TIME ZONE 'UTC' WHERE id = $1`, [batchId]);
}

/** Inserts the batch's `ingest_batches` row. */
export async function insertBatchRecord(db: Pool | PoolClient, b: BatchRecord): Promise<void> {
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
