import type { ServingModel } from '@propcast/training';
import { ServingConfigError } from '../errors';
import { servingMetrics } from '../metrics';
import type { LoadedModel, ModelLoader } from './model-loader';

/**
 * Loaded models, least recently used evicted beyond `maxModels`. Keyed by model id and artifact sha256, so a
 * re-registered artifact is loaded afresh. Concurrent requests for one model share a single load; failed loads are
 * not cached (the next request tries again). Evicted sessions are freed by the garbage collector once no job
 * still holds them.
 */
export class ModelCache {
  private readonly entries = new Map<string, Promise<LoadedModel>>();

  constructor(
    private readonly loader: ModelLoader,
    private readonly maxModels: number,
  ) {
    if (!Number.isInteger(maxModels) || maxModels < 1) throw new ServingConfigError(`model cache size must be a positive integer, got ${maxModels}`);
  }

  /** The loaded model, loading it on first use. */
  async get(info: ServingModel): Promise<LoadedModel> {
    const key = `${info.id}@${info.artifactSha256}`;
    const cached = this.entries.get(key);
    if (cached) {
      servingMetrics.modelCache.inc({ result: 'hit' });
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    servingMetrics.modelCache.inc({ result: 'miss' });
    const loading = this.loader.load(info);
    this.entries.set(key, loading);
    try {
      const model = await loading;
      this.evict();
      return model;
    } catch (error) {
      if (this.entries.get(key) === loading) this.entries.delete(key);
      throw error;
    } finally {
      servingMetrics.modelsLoaded.set(this.entries.size);
    }
  }

  /** Number of models held (loaded or loading). */
  get size(): number {
    return this.entries.size;
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxModels) return;
      this.entries.delete(key);
    }
  }
}
