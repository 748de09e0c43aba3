import { OnnxPredictor } from '@propcast/xgboost';
import { OnnxParityError } from '../errors';

/** Result of a passed parity check. */
export interface OnnxParity {
  rows: number;
  maxAbsDiff: number;
  tolerance: number;
}

/** Relative tolerance: |onnx - native| <= tolerance * max(1, |native|). */
export const ONNX_PARITY_TOLERANCE = 1e-5;

/**
 * Runs the exported ONNX model on `features` and compares with the native predictions; throws OnnxParityError
 * (and the model is not registered) when any row differs by more than the tolerance.
 */
export async function checkOnnxParity(onnx: Uint8Array, features: Float32Array, native: Float32Array, tolerance = ONNX_PARITY_TOLERANCE): Promise<OnnxParity> {
  const predictor = await OnnxPredictor.create(onnx, { intraOpNumThreads: 2 });
  try {
    const exported = await predictor.predict(features);
    if (exported.length !== native.length) throw new OnnxParityError(-1, native.length, exported.length, tolerance);
    let maxAbsDiff = 0;
    for (let i = 0; i < native.length; i++) {
      const diff = Math.abs(exported[i] - native[i]);
      if (!(diff <= tolerance * Math.max(1, Math.abs(native[i])))) throw new OnnxParityError(i, native[i], exported[i], tolerance);
      maxAbsDiff = Math.max(maxAbsDiff, diff);
    }
    return { rows: native.length, maxAbsDiff, tolerance };
  } finally {
    await predictor.release();
  }
}
