import { FeatureCodecError } from './errors';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Encodes a feature vector as little-endian float32 bytes (the `feature_rows.values` bytea format); NaN bits are kept. */
export function encodeFeatureValues(values: Float32Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  const out = Buffer.allocUnsafe(values.byteLength);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return out;
}

/** Decodes little-endian float32 bytes into a fresh Float32Array; optionally checks the expected feature count. */
export function decodeFeatureValues(bytes: Uint8Array, expectedLength?: number): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new FeatureCodecError(`feature bytes length ${bytes.byteLength} is not a multiple of 4`);
  const n = bytes.byteLength / 4;
  if (expectedLength !== undefined && n !== expectedLength) {
    throw new FeatureCodecError(`feature vector has ${n} values, expected ${expectedLength}`);
  }
  const out = new Float32Array(n);
  if (LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(bytes);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
  }
  return out;
}
