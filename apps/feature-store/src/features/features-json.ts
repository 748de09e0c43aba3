import type { FeatureVectorRow, FeatureVectors } from '@propcast/feature-pipeline';

const DEFAULT_MAX_ROWS = 10_000;

interface Fragment {
  bytes: Buffer;
  json: Buffer;
}

const COMMA = Buffer.from(',');

/**
 * Serialises lookups as the GET /features body, NaN (missing) as null. Formatting 89 numbers per row is most of
 * a warm request's time, so each row's JSON is memoised (bounded, least recently used out) under its date,
 * player and game, and reused only while the row's bytes are unchanged: a recomputed row is formatted again.
 * Fragments are UTF-8 buffers so a response is one memory copy, not a re-flattened string.
 */
export class FeaturesJsonWriter {
  private readonly fragments = new Map<string, Fragment>();

  constructor(private readonly maxRows = DEFAULT_MAX_ROWS) {}

  /** The UTF-8 response body of a lookup. */
  write(v: FeatureVectors): Buffer {
    const featureSet = JSON.stringify({ id: v.featureSet.id, version: v.featureSet.version, featureNames: v.featureSet.featureNames });
    const parts: Buffer[] = [Buffer.from(`{"featureSet":${featureSet},"gameDate":${JSON.stringify(v.gameDate)},"rows":[`)];
    v.rows.forEach((row, i) => {
      if (i > 0) parts.push(COMMA);
      parts.push(this.rowJson(v.gameDate, row));
    });
    parts.push(Buffer.from(']}'));
    return Buffer.concat(parts);
  }

  private rowJson(gameDate: string, row: FeatureVectorRow): Buffer {
    const key = `${gameDate}:${row.playerId}:${row.gameId}`;
    const bytes = Buffer.from(row.values.buffer, row.values.byteOffset, row.values.byteLength);
    const cached = this.fragments.get(key);
    if (cached !== undefined && cached.bytes.equals(bytes)) {
      this.fragments.delete(key);
      this.fragments.set(key, cached);
      return cached.json;
    }
    const json = Buffer.from(formatRow(row));
    this.fragments.delete(key);
    this.fragments.set(key, { bytes: Buffer.from(bytes), json });
    if (this.fragments.size > this.maxRows) this.fragments.delete(this.fragments.keys().next().value as string);
    return json;
  }
}

function formatRow(row: FeatureVectorRow): string {
  let values = '';
  for (let i = 0; i < row.values.length; i++) {
    const x = row.values[i];
    values += (i === 0 ? '' : ',') + (x !== x ? 'null' : String(x));
  }
  return `{"playerId":${row.playerId},"gameId":${JSON.stringify(row.gameId)},"values":[${values}]}`;
}
