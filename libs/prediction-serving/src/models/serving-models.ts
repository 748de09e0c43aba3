import type { ModelTarget } from '@propcast/contracts';
import type { ModelRegistry, ServingModel } from '@propcast/model-registry';
import { ModelArtifactError } from '../errors';
import type { ModelCache } from './model-cache';
import type { LoadedModel } from './model-loader';
import { pickModel, type WeightedModel } from './traffic-split';
import { servingMetrics } from '../metrics';

/** The registry question serving asks: which production models serve a stat (the trainer's ModelRegistry answers it). */
export type ModelRegistryReader = Pick<ModelRegistry, 'resolveServing'> & Partial<Pick<ModelRegistry, 'formerPrimaries'>>;

/** The loaded models answering one stat's requests right now. */
export interface StatModels {
  stat: ModelTarget;
  /** Serves every player no challenger takes; null when the stat has no usable production model. */
  primary: LoadedModel | null;
  /** Traffic-split challengers, sorted by model id. */
  challengers: WeightedModel<LoadedModel>[];
  /** Predict every request too; stored, never recommended. */
  shadows: LoadedModel[];
  /** Why the stat's requests fail when `primary` is null. */
  unavailableReason: string | null;
  /** Registry models that could not be loaded (left out, or the primary replaced by the previous one). */
  problems: string[];
  /** The former production model serving because the current primary's artifact is unusable (null otherwise). */
  fallbackFrom: string | null;
  loadedAtMs: number;
}

/** A stat's models held for the length of a job; `release` when done. */
export interface ModelsLease {
  models: StatModels;
  release(): void;
}

/** Options of ServingModels. */
export interface ServingModelsOptions {
  /** Re-read the registry for a stat after this long even without a model.promoted event (default 60 s). */
  refreshIntervalMs?: number;
  /** Where a fallback to a former production model is reported (the worker's logger). */
  logger?: { warn(message: string): void };
}

function modelsOf(models: StatModels): LoadedModel[] {
  return [...(models.primary ? [models.primary] : []), ...models.challengers.map((c) => c.model), ...models.shadows];
}

/**
 * Per-stat serving models resolved from the registry: built lazily on first use, rebuilt on `model.promoted` (call
 * `refresh`) or after the refresh interval, one build per stat at a time. A model whose artifact cannot be loaded
 * never replaces a working one: the previous primary keeps serving and the failure is listed in `problems`. Installed
 * models and the models of running jobs (`acquire`) are held in the cache, so a swap never frees a model mid-job.
 */
export class ServingModels {
  private readonly current = new Map<ModelTarget, StatModels>();
  private readonly building = new Map<ModelTarget, Promise<StatModels>>();
  private readonly refreshIntervalMs: number;
  private readonly logger: ServingModelsOptions['logger'];

  constructor(
    private readonly registry: ModelRegistryReader,
    private readonly cache: ModelCache,
    options: ServingModelsOptions = {},
  ) {
    this.refreshIntervalMs = options.refreshIntervalMs ?? 60_000;
    this.logger = options.logger;
  }

  /** The current models of a stat (built or refreshed when missing or older than the refresh interval). */
  async forStat(stat: ModelTarget): Promise<StatModels> {
    const models = this.current.get(stat);
    if (models && Date.now() - models.loadedAtMs < this.refreshIntervalMs) return models;
    return this.building.get(stat) ?? this.refresh(stat);
  }

  /** The current models of a stat, held until `release` (for a job). */
  async acquire(stat: ModelTarget): Promise<ModelsLease> {
    await this.forStat(stat);
    const models = this.current.get(stat) as StatModels;
    const held = modelsOf(models);
    for (const m of held) this.cache.retain(m);
    let released = false;
    return {
      models,
      release: () => {
        if (released) return;
        released = true;
        for (const m of held) this.cache.release(m);
      },
    };
  }

  /** Rebuilds a stat's models from the registry now (e.g. on model.promoted), after any build already running. */
  refresh(stat: ModelTarget): Promise<StatModels> {
    const before = this.building.get(stat) ?? Promise.resolve();
    const next = before.catch(() => undefined).then(() => this.build(stat));
    this.building.set(stat, next);
    const settle = () => {
      if (this.building.get(stat) === next) this.building.delete(stat);
    };
    next.then(settle, settle);
    return next;
  }

  /** Which model serves a player's request (null when the stat has no usable production model). */
  static modelFor(models: StatModels, playerId: number): LoadedModel | null {
    return models.primary ? pickModel(playerId, models.primary, models.challengers) : null;
  }

  /** Releases every model (at shutdown). */
  async close(): Promise<void> {
    this.current.clear();
    await this.cache.close();
  }

  private async build(stat: ModelTarget): Promise<StatModels> {
    const previous = this.current.get(stat) ?? null;
    let serving;
    try {
      serving = await this.registry.resolveServing(stat);
    } catch (error) {
      if (!previous) throw error;
      previous.loadedAtMs = Date.now();
      return previous;
    }
    const problems: string[] = [];
    const acquired: LoadedModel[] = [];
    const load = async (info: ServingModel): Promise<LoadedModel | null> => {
      try {
        const model = await this.cache.acquire(info);
        acquired.push(model);
        return model;
      } catch (error) {
        if (!(error instanceof ModelArtifactError)) throw error;
        problems.push(error.message);
        return null;
      }
    };
    try {
      let primary = serving.primary ? await load(serving.primary) : null;
      let unavailableReason: string | null = null;
      let fallbackFrom: string | null = null;
      if (serving.primary && !primary && previous?.primary) {
        primary = previous.primary;
        this.cache.retain(primary);
        acquired.push(primary);
        fallbackFrom = serving.primary.id;
        this.logger?.warn(`${stat}: production model ${serving.primary.id} is unusable (${problems[0]}); ${primary.info.id} keeps serving`);
      } else if (serving.primary && !primary && (primary = await this.loadFormerPrimary(stat, load))) {
        // A worker that never loaded a good model (fresh start): the most recent former primary whose artifact loads.
        fallbackFrom = serving.primary.id;
        problems.push(`serving ${primary.info.id} (${stat} v${primary.info.version}), the previous production model, instead of ${serving.primary.id}`);
        this.logger?.warn(`${stat}: production model ${serving.primary.id} is unusable (${problems[0]}); serving ${primary.info.id}, the previous production model`);
      } else if (serving.primary && !primary) {
        unavailableReason = `production model ${serving.primary.id} (${stat} v${serving.primary.version}) is unusable: ${problems[0]}`;
      } else if (!serving.primary) {
        unavailableReason = `no production model for ${stat}`;
      }
      const challengers: WeightedModel<LoadedModel>[] = [];
      const shadows: LoadedModel[] = [];
      if (primary) {
        for (const info of [...serving.challengers].filter((m) => m.trafficWeight > 0).sort((a, b) => a.id.localeCompare(b.id))) {
          const model = await load(info);
          if (model) challengers.push({ model, weight: info.trafficWeight });
        }
        for (const info of serving.shadows) {
          const model = await load(info);
          if (model) shadows.push(model);
        }
      }
      servingMetrics.modelFallback.set({ stat }, fallbackFrom ? 1 : 0);
      return this.install({ stat, primary, challengers, shadows, unavailableReason, problems, fallbackFrom, loadedAtMs: Date.now() });
    } catch (error) {
      for (const m of acquired) this.cache.release(m);
      throw error;
    }
  }

  private async loadFormerPrimary(stat: ModelTarget, load: (info: ServingModel) => Promise<LoadedModel | null>): Promise<LoadedModel | null> {
    for (const info of (await this.registry.formerPrimaries?.(stat)) ?? []) {
      const model = await load(info);
      if (model) return model;
    }
    return null;
  }

  /** Makes `models` current and gives back the references of the set it replaces. */
  private install(models: StatModels): StatModels {
    const replaced = this.current.get(models.stat);
    this.current.set(models.stat, models);
    if (replaced) for (const m of modelsOf(replaced)) this.cache.release(m);
    return models;
  }
}
