import type { ArtifactStore } from '@propcast/artifact-store';
import type { RegisteredModelsRepository } from '@propcast/model-registry';
import { ProbabilityModel, type OverUnder } from '@propcast/prediction';
import { NotFoundError } from '../errors';

/** What a serving prediction says about one player-game: its model and predicted mean. */
export interface StoredPrediction {
  modelId: string;
  predictedMean: number;
}

/** The model's outcome distribution for one player-game. */
export interface PropDistribution {
  /** Calibrated over/under/push probabilities of `line` (the worker's pricing). */
  overUnder(line: number): OverUnder;
  /** P(stat = k) for k = from, from + 1, ... covering 99% of the mass (the residual distribution; for charts). */
  pmf(): { from: number; p: number[] };
}

/**
 * Where the read side gets a prediction's distribution. This is the one place to switch when predictions store
 * their distribution parameters themselves: today it is the serving model's probability model (metadata.json of
 * the model's artifacts) applied to the stored predicted mean, exactly as the worker priced the prediction.
 */
export interface DistributionSource {
  /** The distribution of a stored prediction; throws NotFoundError when its model's artifacts cannot be read. */
  forPrediction(prediction: StoredPrediction): Promise<PropDistribution>;
}

/** Probability models of registered models, read from their metadata.json in the artifact store and kept (few models, small JSON). */
export class ModelMetadataDistributions implements DistributionSource {
  private readonly models = new Map<string, Promise<ProbabilityModel>>();

  constructor(
    private readonly registry: Pick<RegisteredModelsRepository, 'metadataUri'>,
    private readonly artifacts: ArtifactStore,
    private readonly maxModels = 64,
  ) {}

  async forPrediction(prediction: StoredPrediction): Promise<PropDistribution> {
    const model = await this.probabilityModel(prediction.modelId);
    return distributionOf(model, prediction.predictedMean);
  }

  private probabilityModel(modelId: string): Promise<ProbabilityModel> {
    let loading = this.models.get(modelId);
    if (!loading) {
      if (this.models.size >= this.maxModels) this.models.delete(this.models.keys().next().value as string);
      loading = this.load(modelId);
      // A failed read is not cached: the artifact may come back (a restored bucket, a re-registered model).
      loading.catch(() => this.models.delete(modelId));
      this.models.set(modelId, loading);
    }
    return loading;
  }

  private async load(modelId: string): Promise<ProbabilityModel> {
    const uri = await this.registry.metadataUri(modelId);
    if (uri === null) throw new NotFoundError(`model ${modelId} is not in the registry`);
    let json: { probabilityModel?: unknown };
    try {
      json = JSON.parse((await this.artifacts.get(uri)).toString('utf8')) as { probabilityModel?: unknown };
    } catch (error) {
      throw new NotFoundError(`cannot read metadata.json of model ${modelId} (${uri}): ${(error as Error).message}`);
    }
    try {
      return ProbabilityModel.fromJSON(json.probabilityModel);
    } catch (error) {
      throw new NotFoundError(`metadata.json of model ${modelId} has no valid probabilityModel: ${(error as Error).message}`);
    }
  }
}

/** The distribution a probability model gives a predicted mean. */
export function distributionOf(model: ProbabilityModel, mean: number): PropDistribution {
  return {
    overUnder: (line) => model.overUnder(mean, line),
    pmf: () => {
      const from = Math.max(0, Math.floor(model.quantile(mean, 0.005)));
      const to = Math.max(from + 1, Math.ceil(model.quantile(mean, 0.995)));
      const p: number[] = [];
      // For a whole-number line k the push probability is P(stat = k).
      for (let k = from; k <= to; k++) p.push(model.overUnder(mean, k).push);
      return { from, p };
    },
  };
}
