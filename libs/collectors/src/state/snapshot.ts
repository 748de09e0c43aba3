import { createHash } from 'node:crypto';
import type { IngestKind } from '@propcast/ingestion';
import type { SnapshotRecord } from './collector-state.repository';

/** A snapshot of JSON rows in Propcast's import shape (`{"rows": [...]}`), with its sha256. */
export function jsonSnapshot(fields: { id: string; collector: string; kind: IngestKind; capturedAt: Date; sourceUrl: string; query?: string; rows: readonly object[] }): SnapshotRecord {
  const body = Buffer.from(JSON.stringify({ rows: fields.rows }));
  return rawSnapshot({ ...fields, body, contentType: 'application/json', rows: fields.rows.length });
}

/** A snapshot of bytes as the upstream served them (an nba_api document, an injury-report CSV); `id` may be derived from the bytes' sha256. */
export function rawSnapshot(fields: {
  id: string | ((sha256: string) => string);
  collector: string;
  kind: IngestKind;
  capturedAt: Date;
  sourceUrl: string;
  query?: string;
  body: Buffer;
  contentType: string;
  rows: number;
}): SnapshotRecord {
  const sha256 = createHash('sha256').update(fields.body).digest('hex');
  return {
    id: typeof fields.id === 'function' ? fields.id(sha256) : fields.id,
    collector: fields.collector,
    kind: fields.kind,
    capturedAt: fields.capturedAt,
    sourceUrl: fields.sourceUrl.replace(/([?&]apiKey=)[^&]*/i, '$1<hidden>'),
    query: fields.query ?? '',
    contentType: fields.contentType,
    body: fields.body,
    sha256,
    rows: fields.rows,
  };
}
