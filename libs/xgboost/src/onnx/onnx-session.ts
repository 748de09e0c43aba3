import * as ort from 'onnxruntime-node';

/** Settings of an onnxruntime-node session running an exported model. */
export interface OnnxSessionOptions {
  /** Threads inside the TreeEnsemble kernel (default 1: the benchmark found more pays off only via worker threads). */
  intraOpNumThreads?: number;
  /** Let idle intra-op threads spin (lower latency, but burns CPU other work needs; default false). */
  allowSpinning?: boolean;
  /** Graph optimisation level (default 'all'). */
  graphOptimizationLevel?: ort.InferenceSession.SessionOptions['graphOptimizationLevel'];
}

/** The onnxruntime SessionOptions for `options` (plain data, so it can be sent to a worker thread). */
export function sessionOptions(options: OnnxSessionOptions = {}): ort.InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: options.intraOpNumThreads ?? 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
    extra: { session: { intra_op: { allow_spinning: options.allowSpinning ? '1' : '0' } } },
  };
}

/** Creates an onnxruntime-node session for `toOnnx` output with the benchmarked settings. */
export function createOnnxSession(bytes: Uint8Array, options: OnnxSessionOptions = {}): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, sessionOptions(options));
}
