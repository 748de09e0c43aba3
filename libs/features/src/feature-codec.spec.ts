import { FeatureCodecError } from './errors';
import { decodeFeatureValues, encodeFeatureValues } from './feature-codec';

describe('feature codec', () => {
  it('encodes little-endian float32', () => {
    const bytes = encodeFeatureValues(new Float32Array([1, -2]));
    expect([...bytes]).toEqual([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0]);
  });

  it('round-trips values including NaN, infinities and -0 bit for bit', () => {
    const values = new Float32Array([0.1, NaN, -0, Infinity, -Infinity, 3.4e38, 1e-45, 42]);
    const decoded = decodeFeatureValues(encodeFeatureValues(values), values.length);
    expect(Buffer.from(decoded.buffer)).toEqual(Buffer.from(values.buffer));
    expect(decoded[1]).toBeNaN();
  });

  it('encodes a subarray view without its neighbours', () => {
    const big = new Float32Array([9, 1, 2, 9]);
    expect(decodeFeatureValues(encodeFeatureValues(big.subarray(1, 3)))).toEqual(new Float32Array([1, 2]));
  });

  it('decodes from an unaligned buffer slice', () => {
    const raw = Buffer.alloc(9);
    encodeFeatureValues(new Float32Array([5, 6])).copy(raw, 1);
    expect(decodeFeatureValues(raw.subarray(1))).toEqual(new Float32Array([5, 6]));
  });

  it('rejects a byte length that is not a multiple of 4 and a wrong feature count', () => {
    expect(() => decodeFeatureValues(Buffer.alloc(7))).toThrow(FeatureCodecError);
    expect(() => decodeFeatureValues(Buffer.alloc(8), 3)).toThrow(/expected 3/);
  });
});
