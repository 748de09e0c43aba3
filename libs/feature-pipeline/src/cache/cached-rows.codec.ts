/** One player's row for a date as the cache holds it. */
export interface CachedRow {
  gameId: string;
  /** Raw little-endian float32 bytes in the feature set's order. */
  values: Buffer;
}

/**
 * Encodes a player's rows of one date as a hash field value: per row, one byte of game-id length, the game id
 * (ASCII) and the raw float32 bytes. Almost always one row; two when a player has two games on a date.
 */
export function encodeCachedRows(rows: readonly CachedRow[]): Buffer {
  const parts: Buffer[] = [];
  for (const row of rows) {
    const id = Buffer.from(row.gameId, 'latin1');
    parts.push(Buffer.from([id.length]), id, row.values);
  }
  return Buffer.concat(parts);
}

/** Decodes a hash field value written by encodeCachedRows, given the byte length of one vector. */
export function decodeCachedRows(buf: Buffer, valueBytes: number): CachedRow[] {
  const out: CachedRow[] = [];
  let offset = 0;
  while (offset < buf.length) {
    const idLength = buf[offset];
    const gameId = buf.toString('latin1', offset + 1, offset + 1 + idLength);
    const start = offset + 1 + idLength;
    out.push({ gameId, values: buf.subarray(start, start + valueBytes) });
    offset = start + valueBytes;
  }
  return out;
}
