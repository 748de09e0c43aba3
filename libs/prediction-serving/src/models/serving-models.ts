import type { StatType } from '@propcast/contracts';
import type { ModelRegistry, ServingModel } from '@propcast/training';
import { ModelArtifactError } from '../errors';
import type { ModelCache } from './model-cache';
import type { LoadedModel } from './model-loader';
import { pickModel, type WeightedModel } from './traffic-split';

/** The registry question serving asks: which production models serve a stat (the trainer's ModelRegistry answers it). */
export type ModelRegistryReader = Pick<ModelRegistry, 'resolveServing'>;

/** The loaded models answering one stat's requests right now. */
export interface StatModels {
  stat: StatType;
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
  loadedAtMs: number;
}

/** Options of ServingModels. */
export interface ServingModelsOptions {
  /** Re-read the registry for a stat after this long even without a model.promoted event (default 60 s). */
  refreshIntervalMs?: number;
}

/**
 * Per-stat serving models resolved from the registry: built lazily on first use, rebuilt on `model.promoted` (call
 * `refresh`) or after the refresh interval. A model whose artifact cannot be loaded never replaces a working one:
 * the previous primary keeps serving and the failure is listed in `problems`.
 */
export class ServingModels {
  private readonly sets = new Map<StatType, Promise<StatModels>>();
  private readonly refreshIntervalMs: number;

  constructor(
    private readonly registry: ModelRegistryReader,
    private readonly cache: ModelCache,
    options: ServingModelsOptions = {},
  ) {
    this.refreshIntervalMs = options.refreshIntervalMs ?? 60_000;
  }

  /** The current models of a stat (built or refreshed when missing or older than the refresh interval). */
  async forStat(stat: StatType): Promise<StatModels> {
    const current = this.sets.get(stat);
    if (current) {
      const models = await current.catch(() => null);
      if (models && Date.now() - models.loadedAtMs < this.refreshIntervalMs) return models;
    }
    return this.refresh(stat);
  }

  /** Rebuilds a stat's models from the registry now (e.g. on model.promoted); callers arriving meanwhile share it. */
  refresh(stat: StatType): Promise<StatModels> {
    const previous = this.sets.get(stat);
    const next = this.build(stat, previous);
    this.sets.set(stat, next);
    next.catch(() => {
      if (this.sets.get(stat) === next && previous) this.sets.set(stat, previous);
    });
    return next;
  }

  /** Which model serves a player's request (null when the stat has no usable production model). */
  static modelFor(models: StatModels, playerId: number): LoadedModel | null {
    return models.primary ? pickModel(playerId, models.primary, models.challengers) : null;
  }

  private async build(stat: StatType, previousPromise: Promise<StatModels> | undefined): Promise<StatModels> {
    const previous = previousPromise ? await previousPromise.catch(() => null) : null;
    let serving;
    try {
      serving = await this.registry.resolveServing(stat);
    } catch (error) {
      if (previous) return { ...previous, loadedAtMs: Date.now() };
      throw error;
    }
    const problems: string[] = [];
    const load = async (info: ServingModel): Promise<LoadedModel | null> => {
      try {
        return await this.cache.get(info);
      } catch (error) {
        if (!(error instanceof ModelArtifactError)) throw error;
        problems.push(error.message);
        return null;
      }
    };
    let primary = serving.primary ? await load(serving.primary) : null;
    let unavailableReason: string | null = null;
    if (serving.primary && !primary) {
      primary = previous?.primary ?? null;
      if (!primary) unavailableReason = `production model ${serving.primary.id} (${stat} v${serving.primary.version}) is unusable: ${problems[0]}`;
    } else if (!serving.primary) {
      unavailableReason = `no production model for ${stat}`;
    }
    const challengers: WeightedModel<LoadedModel>[] = [];
    for (const info of [...serving.challengers].filter((m) => m.trafficWeight > 0).sort((a, b) => a.id.localeCompare(b.id))) {
      const model = await load(info);
      if (model) challengers.push({ model, weight: info.trafficWeight });
    }
    const shadows: LoadedModel[] = [];
    for (const info of serving.shadows) {
      const model = await load(info);
      if (model) shadows.push(model);
    }
    return { stat, primary, challengers: primary ? challengers : [], shadows: primary ? shadows : [], unavailableReason, problems, loadedAtMs: Date.now() };
  }
}
