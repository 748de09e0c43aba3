import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type CopyValue = string | number | boolean | bigint | Date | Buffer | null | undefined | readonly (string | number)[];

/** Escapes one value for COPY's text format (NULL is \N; bytea as \\x hex; arrays as {..}). */
export function copyTextValue(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  if (Array.isArray(value)) {
    const items = value.map((v) => (typeof v === 'number' ? String(v) : `"${String(v).replace(/["\\]/g, '\\$&')}"`));
    return escapeText(`{${items.join(',')}}`);
  }
  return escapeText(String(value));
}

function escapeText(s: string): string {
  return s.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

/**
 * Streams rows into `table` with COPY FROM STDIN (text format): the fastest way to load many rows.
 * Runs on the given client so callers can wrap it in their own transaction.
 */
export async function copyRows(client: PoolClient, table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]>): Promise<number> {
  let count = 0;
  const chunkRows = 2000;
  function* chunks(): Generator<string> {
    let buf: string[] = [];
    for (const row of rows) {
      buf.push(row.map(copyTextValue).join('\t'));
      count++;
      if (buf.length >= chunkRows) {
        yield buf.join('\n') + '\n';
        buf = [];
      }
    }
    if (buf.length) yield buf.join('\n') + '\n';
  }
  const cols = columns.map((c) => `"${c}"`).join(', ');
  const stream = client.query(copyFrom(`COPY ${table} (${cols}) FROM STDIN`));
  await pipeline(Readable.from(chunks()), stream);
  return count;
}
