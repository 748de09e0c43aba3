import type { ArtifactStore } from '@propcast/artifact-store';
import { ProbabilityModel } from '@propcast/prediction';
import { parseModelMetadata, type RegisteredModelsRepository } from '@propcast/model-registry';
import { ModelArtifactError } from '../errors';

/** The probability model (count distribution / residual model) a registered model priced with, by model id. */
export interface ModelProbabilitySource {
  /** Throws ModelArtifactError when the model or its metadata.json cannot be read. */
  forModel(modelId: string): Promise<ProbabilityModel>;
}

/**
 * Probability models read from each model's metadata.json (registry row → artifact store) and kept: a re-priced
 * prediction is priced by its own model version, whatever serves the stat now.
 */
export class ArtifactModelProbabilities implements ModelProbabilitySource {
  private readonly loaded = new Map<string, Promise<ProbabilityModel>>();

  constructor(
    private readonly models: Pick<RegisteredModelsRepository, 'metadataUri'>,
    private readonly artifacts: ArtifactStore,
    private readonly maxModels = 64,
  ) {}

  forModel(modelId: string): Promise<ProbabilityModel> {
    let loading = this.loaded.get(modelId);
    if (!loading) {
      if (this.loaded.size >= this.maxModels) this.loaded.delete(this.loaded.keys().next().value as string);
      loading = this.load(modelId);
      loading.catch(() => this.loaded.delete(modelId));
      this.loaded.set(modelId, loading);
    }
    return loading;
  }

  private async load(modelId: string): Promise<ProbabilityModel> {
    const uri = await this.models.metadataUri(modelId);
    if (uri === null) throw new ModelArtifactError(modelId, '(registry)', 'not in the model registry');
    try {
      return ProbabilityModel.fromJSON(parseModelMetadata(await this.artifacts.get(uri)).probabilityModel);
    } catch (error) {
      throw new ModelArtifactError(modelId, uri, `metadata.json has no readable probabilityModel: ${(error as Error).message}`);
    }
  }
}
