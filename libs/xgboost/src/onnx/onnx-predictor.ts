import * as ort from 'onnxruntime-node';
import { readOnnxMetadata, type OnnxModelMetadata } from './onnx-metadata';
import { ONNX_INPUT_NAME, ONNX_OUTPUT_NAME } from './onnx-contract';

/** Session settings for exported XGBoost models; defaults are the ones the inference benchmark picked. */
export interface OnnxSessionOptions {
  /** Threads used inside the TreeEnsemble kernel (default 2). */
  intraOpNumThreads?: number;
  /** Let idle intra-op threads spin (lower latency, but steals CPU from other work; default false). */
  allowSpinning?: boolean;
  /** Graph optimisation level (default 'all'). */
  graphOptimizationLevel?: ort.InferenceSession.SessionOptions['graphOptimizationLevel'];
}

/** Options of an OnnxPredictor. */
export interface OnnxPredictorOptions extends OnnxSessionOptions {
  /** Largest number of rows sent to ORT in one run; bigger inputs are split (default: no split). */
  maxRowsPerRun?: number;
}

/** Creates an onnxruntime-node session for `toOnnx` output with the benchmarked settings. */
export function createOnnxSession(bytes: Uint8Array, options: OnnxSessionOptions = {}): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, {
    intraOpNumThreads: options.intraOpNumThreads ?? 2,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
    extra: { session: { intra_op: { allow_spinning: options.allowSpinning ? '1' : '0' } } },
  });
}

/** Predicts with an exported model: dense row-major Float32Array in (NaN = missing), one value per row out. */
export class OnnxPredictor {
  private constructor(
    private readonly session: ort.InferenceSession,
    /** Metadata written by `toOnnx` (feature order, objective, versions). */
    readonly metadata: OnnxModelMetadata,
    private readonly maxRowsPerRun: number,
  ) {}

  /** Loads ONNX bytes produced by `toOnnx`. */
  static async create(bytes: Uint8Array, options: OnnxPredictorOptions = {}): Promise<OnnxPredictor> {
    const metadata = readOnnxMetadata(bytes);
    const session = await createOnnxSession(bytes, options);
    return new OnnxPredictor(session, metadata, options.maxRowsPerRun ?? Number.POSITIVE_INFINITY);
  }

  /** Number of columns each row must have (in `metadata.featureNames` order). */
  get numFeatures(): number {
    return this.metadata.featureNames.length;
  }

  /** Predicts every row of `features` (length must be a multiple of `numFeatures`). */
  async predict(features: Float32Array): Promise<Float32Array> {
    const cols = this.numFeatures;
    if (features.length % cols !== 0) throw new RangeError(`features length ${features.length} is not a multiple of ${cols} features`);
    const rows = features.length / cols;
    const out = new Float32Array(rows);
    for (let start = 0; start < rows; start += this.maxRowsPerRun) {
      const count = Math.min(this.maxRowsPerRun, rows - start);
      const input = new ort.Tensor('float32', features.subarray(start * cols, (start + count) * cols), [count, cols]);
      const result = await this.session.run({ [ONNX_INPUT_NAME]: input });
      out.set(result[ONNX_OUTPUT_NAME]!.data as Float32Array, start);
    }
    return out;
  }

  /** Releases the native session. */
  release(): Promise<void> {
    return this.session.release();
  }
}
