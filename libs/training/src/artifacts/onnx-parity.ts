import { OnnxParityError } from '../errors';

/** Result of a passed parity check. */
export interface OnnxParity {
  rows: number;
  maxAbsDiff: number;
  tolerance: number;
}

/**
 * Relative tolerance: |onnx - native| <= tolerance * max(1, |native|). Both sum hundreds of float32 leaf values in
 * different orders (measured up to ~1e-5 relative on 250k-row models); a wrong split or missing-value direction
 * moves a prediction by a whole leaf value, far above this.
 */
export const ONNX_PARITY_TOLERANCE = 1e-4;

/** Throws OnnxParityError when any ONNX prediction differs from the native one by more than the tolerance. */
export function compareWithNative(exported: Float32Array, native: Float32Array, tolerance = ONNX_PARITY_TOLERANCE): OnnxParity {
  if (exported.length !== native.length) throw new OnnxParityError(-1, native.length, exported.length, tolerance);
  let maxAbsDiff = 0;
  for (let i = 0; i < native.length; i++) {
    const diff = Math.abs(exported[i] - native[i]);
    if (!(diff <= tolerance * Math.max(1, Math.abs(native[i])))) throw new OnnxParityError(i, native[i], exported[i], tolerance);
    maxAbsDiff = Math.max(maxAbsDiff, diff);
  }
  return { rows: native.length, maxAbsDiff, tolerance };
}
