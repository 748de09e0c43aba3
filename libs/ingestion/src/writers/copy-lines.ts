import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const LINES_PER_CHUNK = 4000;

/** COPY text-format value of a nullable number. */
export function copyNumber(v: number | null): string {
  return v === null ? '\\N' : String(v);
}

/** COPY text-format value of a boolean. */
export function copyBoolean(v: boolean | null): string {
  return v === null ? '\\N' : v ? 't' : 'f';
}

/**
 * Streams pre-encoded COPY text lines into `table` on the caller's client (so inside its transaction). The callers
 * only encode numbers, booleans and strings that cannot hold tabs, newlines or backslashes (ids, dates), which is
 * what makes this faster than the generic per-value escaping of copyRows.
 */
export async function copyLines(client: PoolClient, table: string, columns: readonly string[], lines: Iterable<string>): Promise<void> {
  function* chunks(): Generator<string> {
    let buf: string[] = [];
    for (const line of lines) {
      buf.push(line);
      if (buf.length >= LINES_PER_CHUNK) {
        yield buf.join('\n') + '\n';
        buf = [];
      }
    }
    if (buf.length) yield buf.join('\n') + '\n';
  }
  const stream = client.query(copyFrom(`COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks()), stream);
}
