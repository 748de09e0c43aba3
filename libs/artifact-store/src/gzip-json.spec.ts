import { gunzipJson, gzipJson } from './gzip-json';

describe('gzipJson / gunzipJson', () => {
  it('round-trips JSON values through gzip', () => {
    const batch = { source: 'nba', date: '2024-01-01', rows: [{ player: 'Curry', pts: 31, fg3: null }] };
    const gz = gzipJson(batch);

    expect(gz.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipJson<typeof batch>(gz)).toEqual(batch);
  });

  it('refuses values JSON cannot represent', () => {
    expect(() => gzipJson(undefined)).toThrow(TypeError);
  });
});
