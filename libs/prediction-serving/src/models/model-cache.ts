import type { ServingModel } from '@propcast/model-registry';
import { ServingConfigError } from '../errors';
import { servingMetrics } from '../metrics';
import type { LoadedModel, ModelLoader } from './model-loader';

interface Entry {
  loading: Promise<LoadedModel>;
  /** Holders: installed serving sets and running jobs. */
  refs: number;
}

const keyOf = (info: Pick<ServingModel, 'id' | 'artifactSha256'>) => `${info.id}@${info.artifactSha256}`;

/**
 * Loaded models, keyed by model id and artifact sha256 (a re-registered artifact is loaded afresh). Holders count
 * references: `acquire` loads on first use (concurrent callers share one load; failed loads are not kept) and takes a
 * reference, `retain` takes another, `release` gives one back. Beyond `maxModels`, the least recently used models
 * nobody holds are released (sessions and their worker threads stopped); a held model is never released under a job.
 */
export class ModelCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly loader: ModelLoader,
    private readonly maxModels: number,
  ) {
    if (!Number.isInteger(maxModels) || maxModels < 1) throw new ServingConfigError(`model cache size must be a positive integer, got ${maxModels}`);
  }

  /** The loaded model with one reference taken (loading it on first use); give it back with `release`. */
  async acquire(info: ServingModel): Promise<LoadedModel> {
    const key = keyOf(info);
    let entry = this.entries.get(key);
    servingMetrics.modelCache.inc({ result: entry ? 'hit' : 'miss' });
    if (entry) {
      this.entries.delete(key);
    } else {
      entry = { loading: this.loader.load(info), refs: 0 };
    }
    this.entries.set(key, entry);
    entry.refs++;
    try {
      return await entry.loading;
    } catch (error) {
      if (this.entries.get(key) === entry) this.entries.delete(key);
      throw error;
    } finally {
      this.trim();
    }
  }

  /** Takes one more reference on a model obtained from `acquire`. */
  retain(model: LoadedModel): void {
    const entry = this.entries.get(keyOf(model.info));
    if (entry) entry.refs++;
  }

  /** Gives a reference back; unheld models beyond the size are released. */
  release(model: LoadedModel): void {
    const entry = this.entries.get(keyOf(model.info));
    if (entry) entry.refs = Math.max(0, entry.refs - 1);
    this.trim();
  }

  /** Number of models held (loaded or loading). */
  get size(): number {
    return this.entries.size;
  }

  /** Releases every model (at shutdown). */
  async close(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    servingMetrics.modelsLoaded.set(0);
    await Promise.allSettled(all.map(async (e) => (await e.loading).predictor.release()));
  }

  private trim(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxModels) break;
      if (entry.refs > 0) continue;
      this.entries.delete(key);
      void entry.loading.then((m) => m.predictor.release()).catch(() => undefined);
    }
    servingMetrics.modelsLoaded.set(this.entries.size);
  }
}
