import { decodeCachedRows, encodeCachedRows } from './cached-rows.codec';

describe('cached rows codec', () => {
  it('round-trips one or several rows of a player with their game ids and raw float32 bytes', () => {
    const a = Buffer.from(new Float32Array([1.5, NaN, -2]).buffer);
    const b = Buffer.from(new Float32Array([3, 4, 5]).buffer);
    const encoded = encodeCachedRows([
      { gameId: '0021800001', values: a },
      { gameId: '0021800002', values: b },
    ]);
    expect(encoded).toHaveLength(2 * (1 + 10 + 12));
    const decoded = decodeCachedRows(encoded, 12);
    expect(decoded.map((r) => r.gameId)).toEqual(['0021800001', '0021800002']);
    expect(Buffer.compare(decoded[0].values, a)).toBe(0);
    expect(Array.from(new Float32Array(new Uint8Array(decoded[1].values).buffer))).toEqual([3, 4, 5]);
  });
});
