import { Worker } from 'node:worker_threads';
import type * as ort from 'onnxruntime-node';
import { ONNX_INPUT_NAME, ONNX_OUTPUT_NAME } from './onnx-contract';

// Plain JavaScript so the worker needs no TypeScript loader; onnxruntime-node is required by the
// absolute path resolved in the parent. Replies carry the request id and either data or an error.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
const describe = (err) => String((err && err.stack) || err);
ort.InferenceSession.create(workerData.model, workerData.options).then((session) => {
  parentPort.on('message', ({ id, features, rows, cols }) => {
    const input = new ort.Tensor('float32', features, [rows, cols]);
    session.run({ [workerData.input]: input }).then(
      (out) => parentPort.postMessage({ id, data: out[workerData.output].data }),
      (err) => parentPort.postMessage({ id, error: describe(err) }),
    );
  });
  parentPort.postMessage({ ready: true });
}, (err) => parentPort.postMessage({ failed: describe(err) }));
`;

type Reply = { ready: true } | { failed: string } | { id: number; data: Float32Array } | { id: number; error: string };

interface Pending {
  resolve: (data: Float32Array) => void;
  reject: (err: Error) => void;
}

/** One worker thread holding its own ORT session. */
class OnnxWorker {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      if (!('id' in reply)) return;
      const request = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in reply) request?.reject(new Error(`ONNX worker failed: ${reply.error}`));
      else request?.resolve(reply.data);
    });
    const failAll = (err: Error): void => {
      this.failure ??= err;
      for (const request of this.pending.values()) request.reject(err);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`ONNX worker exited (code ${code})`)));
  }

  /** Starts a worker and resolves once its session is loaded. */
  static start(model: Uint8Array, options: ort.InferenceSession.SessionOptions): Promise<OnnxWorker> {
    const workerData = { model, options, ortPath: require.resolve('onnxruntime-node'), input: ONNX_INPUT_NAME, output: ONNX_OUTPUT_NAME };
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    return new Promise((resolve, reject) => {
      const settle = (outcome: () => void): void => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        outcome();
      };
      const onMessage = (reply: Reply): void => {
        if ('ready' in reply) {
          settle(() => {
            worker.unref();
            resolve(new OnnxWorker(worker));
          });
        } else if ('failed' in reply) {
          settle(() => {
            void worker.terminate();
            reject(new Error(`ONNX worker could not load the model: ${reply.failed}`));
          });
        }
      };
      const onError = (err: Error): void => settle(() => reject(err));
      const onExit = (code: number): void => settle(() => reject(new Error(`ONNX worker exited (code ${code}) before loading the model`)));
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
  }

  /** Runs `rows` x `cols` features (the buffer is transferred to the worker). */
  run(features: Float32Array, rows: number, cols: number): Promise<Float32Array> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, features, rows, cols }, [features.buffer as ArrayBuffer]);
    });
  }

  /** Stops the thread. */
  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Worker threads, each with its own ORT session, that score slices of a batch concurrently. */
export class OnnxWorkerPool {
  private constructor(private readonly workers: OnnxWorker[]) {}

  /** Starts `size` workers for `model`. */
  static async start(model: Uint8Array, size: number, options: ort.InferenceSession.SessionOptions): Promise<OnnxWorkerPool> {
    const started = await Promise.allSettled(Array.from({ length: size }, () => OnnxWorker.start(model, options)));
    const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) {
      await Promise.all(workers.map((w) => w.stop()));
      throw failure.reason;
    }
    return new OnnxWorkerPool(workers);
  }

  /** Splits `features` (rows x cols) into one contiguous slice per worker and scores them concurrently. */
  async run(features: Float32Array, rows: number, cols: number): Promise<Float32Array> {
    const parts = Math.min(this.workers.length, rows);
    const perPart = Math.ceil(rows / parts);
    const out = new Float32Array(rows);
    await Promise.all(
      this.workers.slice(0, parts).map(async (worker, i) => {
        const start = i * perPart;
        const count = Math.min(perPart, rows - start);
        if (count <= 0) return;
        out.set(await worker.run(features.slice(start * cols, (start + count) * cols), count, cols), start);
      }),
    );
    return out;
  }

  /** Stops every worker. */
  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
  }
}
