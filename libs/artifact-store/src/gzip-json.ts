import { gunzipSync, gzipSync } from 'node:zlib';

/** Serialises `value` as JSON and gzips it (the format of `raw/<source>/<date>/<batch>.json.gz`). */
export function gzipJson(value: unknown): Buffer {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`gzipJson: ${typeof value} is not JSON-serialisable`);
  return gzipSync(json);
}

/** Gunzips `buf` and parses it as JSON; the type parameter is an unchecked cast. */
export function gunzipJson<T = unknown>(buf: Buffer): T {
  return JSON.parse(gunzipSync(buf).toString('utf8')) as T;
}
