import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';
import { ONNX_INPUT_NAME, ONNX_OUTPUT_NAME } from './onnx-contract';
import { readOnnxMetadata, type OnnxModelMetadata } from './onnx-metadata';
import { createOnnxSession, sessionOptions, type OnnxSessionOptions } from './onnx-session';
import { OnnxWorkerPool } from './onnx-worker-pool';

/** Options of an OnnxPredictor; the session options apply to the calling-thread session (workers use 1 thread each). */
export interface OnnxPredictorOptions extends OnnxSessionOptions {
  /** Worker threads sharing large batches (default: available cores, at most 4; 0 = calling thread only). */
  workers?: number;
  /** Batches up to this many rows run on the calling thread, avoiding the worker round trip (default 32). */
  inlineMaxRows?: number;
}

/** Predicts with an exported model: dense row-major Float32Array in (NaN = missing), one value per row out. */
export class OnnxPredictor {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly pool: OnnxWorkerPool | undefined,
    private readonly inlineMaxRows: number,
    /** Metadata written by `toOnnx` (feature order, objective, versions). */
    readonly metadata: OnnxModelMetadata,
  ) {}

  /** Loads ONNX bytes produced by `toOnnx`, with a calling-thread session and a worker pool. */
  static async create(bytes: Uint8Array, options: OnnxPredictorOptions = {}): Promise<OnnxPredictor> {
    const metadata = readOnnxMetadata(bytes);
    const workers = options.workers ?? Math.min(4, availableParallelism());
    const session = await createOnnxSession(bytes, options);
    // Each worker is one thread of parallelism; intra-op threads there would only oversubscribe.
    const pool = workers > 0 ? await OnnxWorkerPool.start(bytes, workers, sessionOptions({ ...options, intraOpNumThreads: 1 })) : undefined;
    return new OnnxPredictor(session, pool, options.inlineMaxRows ?? 32, metadata);
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
    if (this.pool && rows > this.inlineMaxRows) return this.pool.run(features, rows, cols);
    const result = await this.session.run({ [ONNX_INPUT_NAME]: new ort.Tensor('float32', features, [rows, cols]) });
    const output = result[ONNX_OUTPUT_NAME];
    if (!output) throw new Error(`ONNX model has no "${ONNX_OUTPUT_NAME}" output; was it exported by toOnnx?`);
    return output.data as Float32Array;
  }

  /** Releases the session and stops the workers. */
  async release(): Promise<void> {
    await Promise.all([this.session.release(), this.pool?.stop()]);
  }
}
