import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
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
