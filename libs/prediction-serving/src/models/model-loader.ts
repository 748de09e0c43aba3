import { ArtifactIntegrityError, ArtifactNotFoundError, type ArtifactStore } from '@propcast/artifact-store';
import { ProbabilityModel } from '@propcast/prediction';
import { parseModelMetadata, type ServingModel } from '@propcast/model-registry';
import { OnnxPredictor, type OnnxPredictorOptions } from '@propcast/xgboost';
import { ModelArtifactError } from '../errors';
import { servingMetrics } from '../metrics';

/** Predicts the mean of the stat for dense row-major float32 rows (NaN = missing), one value per row. */
export interface MeanPredictor {
  readonly numFeatures: number;
  predict(features: Float32Array): Promise<Float32Array>;
  /** Frees the session (and its worker threads). */
  release(): Promise<void>;
}

/** A model ready to serve: its registry entry, the ONNX session and the probability model of metadata.json. */
export interface LoadedModel {
  info: ServingModel;
  predictor: MeanPredictor;
  probability: ProbabilityModel;
  /** Input columns in ONNX order. */
  featureNames: readonly string[];
}

/** Loads models' artifacts. */
export interface ModelLoader {
  /** Fetches, verifies and opens a model; throws ModelArtifactError naming the model, the artifact and why. */
  load(info: ServingModel): Promise<LoadedModel>;
}

/** Why a model failed to load, as a bounded metric label. */
export type ModelLoadFailure = 'integrity' | 'not_found' | 'invalid';

/**
 * Loads models from the artifact store: model.onnx checked against the registry's sha256, the trainer's metadata.json
 * (its serialised ProbabilityModel), and an OnnxPredictor of the xgboost lib (session options and worker threads).
 */
export class ArtifactModelLoader implements ModelLoader {
  constructor(
    private readonly store: ArtifactStore,
    private readonly predictorOptions: OnnxPredictorOptions = {},
  ) {}

  /** Fetches, verifies and opens the model; throws ModelArtifactError. */
  async load(info: ServingModel): Promise<LoadedModel> {
    const stopTimer = servingMetrics.modelLoadDuration.startTimer({ stat: info.stat });
    try {
      const onnx = await this.fetch(info, info.artifactUri, info.artifactSha256);
      const metadata = await this.fetch(info, info.metadataUri);
      const probability = this.parseProbabilityModel(info, metadata);
      let predictor: OnnxPredictor;
      try {
        predictor = await OnnxPredictor.create(onnx, this.predictorOptions);
      } catch (error) {
        throw this.fail(info, info.artifactUri, 'invalid', `not a loadable ONNX model: ${(error as Error).message}`);
      }
      const names = predictor.metadata.featureNames;
      if (info.featureNames.length > 0 && names.join('\n') !== info.featureNames.join('\n')) {
        throw this.fail(info, info.artifactUri, 'invalid', `ONNX feature names (${names.length}) differ from the registry's (${info.featureNames.length})`);
      }
      stopTimer();
      return { info, predictor, probability, featureNames: names };
    } catch (error) {
      if (error instanceof ModelArtifactError) throw error;
      throw this.fail(info, info.artifactUri, 'invalid', (error as Error).message);
    }
  }

  private async fetch(info: ServingModel, uri: string, expectedSha256?: string): Promise<Buffer> {
    try {
      return await this.store.get(uri, expectedSha256 ? { expectedSha256 } : {});
    } catch (error) {
      if (error instanceof ArtifactIntegrityError) throw this.fail(info, uri, 'integrity', `sha256 mismatch (expected ${error.expected}, got ${error.actual})`);
      if (error instanceof ArtifactNotFoundError) throw this.fail(info, uri, 'not_found', 'artifact not found');
      throw this.fail(info, uri, 'invalid', (error as Error).message);
    }
  }

  private parseProbabilityModel(info: ServingModel, metadata: Buffer): ProbabilityModel {
    try {
      return ProbabilityModel.fromJSON(parseModelMetadata(metadata).probabilityModel);
    } catch (error) {
      throw this.fail(info, info.metadataUri, 'invalid', `metadata.json has no valid probabilityModel: ${(error as Error).message}`);
    }
  }

  private fail(info: ServingModel, uri: string, reason: ModelLoadFailure, detail: string): ModelArtifactError {
    servingMetrics.modelLoadFailures.inc({ stat: info.stat, reason });
    return new ModelArtifactError(info.id, uri, detail);
  }
}
