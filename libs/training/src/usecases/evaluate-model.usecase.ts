import { MINUTES_TARGET, type ModelTarget } from '@propcast/contracts';
import { ProbabilityModel } from '@propcast/prediction';
import { OnnxPredictor } from '@propcast/xgboost';
import type { ModelArtifacts } from '../artifacts/model-artifacts';
import type { DateWindow, PlayerGameRows, PlayerGameRowSource } from '../dataset/dataset.types';
import { toStatDataset } from '../dataset/stat-dataset';
import { InvalidTrainingRequestError, ModelNotFoundError } from '../errors';
import { evaluatePredictions } from '../evaluation/evaluate-predictions';
import type { Evaluation } from '../evaluation/evaluation.types';
import { needsMinutesProjection, storedFeatureNames, withMinutesProjection } from '../minutes/minutes-projection';
import type { ModelRecord, ModelRegistry } from '@propcast/model-registry';

/** Score a model (by id, or each stat's production model) on a date range. */
export interface EvaluateModelCommand {
  /** A model id, or `production` for each stat's production primary. */
  model: string;
  stats: readonly ModelTarget[];
  window: DateWindow;
  seasonTypes?: readonly string[];
}

/** One model's scores on the range, beside the baselines on the same rows. */
export interface ModelScore {
  stat: ModelTarget;
  modelId: string;
  version: number;
  evaluation: Evaluation;
}

/**
 * Scores models on any ingested date range without retraining: features as of each game from feature_rows,
 * predictions from the registered ONNX artifact (sha256-verified, as the worker serves it), probabilities from
 * metadata.json's probability model, beside the season-average, last-10 and EMA baselines on the same rows.
 */
export class EvaluateModelUseCase {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly artifacts: ModelArtifacts,
    private readonly source: PlayerGameRowSource,
  ) {}

  /** Evaluates every requested stat's model; throws ModelNotFoundError when a stat has no such model. */
  async execute(command: EvaluateModelCommand): Promise<ModelScore[]> {
    const models = await this.resolveModels(command);
    const rowsBySet = new Map<string, Promise<PlayerGameRows>>();
    const scores: ModelScore[] = [];
    for (const model of models) {
      const metadata = await this.artifacts.loadMetadata(model);
      const key = `${model.featureSetId}\n${metadata.featureNames.join(',')}`;
      // The minutes projection is no stored feature: read the stored columns, then append the production minutes model's output.
      const stored = storedFeatureNames(metadata.featureNames);
      const pending =
        rowsBySet.get(key) ??
        this.source
          .read({ featureSetId: model.featureSetId, featureNames: stored, window: command.window, seasonTypes: command.seasonTypes })
          .then((read) => (needsMinutesProjection(metadata.featureNames) ? this.withProjection(model, read) : read));
      rowsBySet.set(key, pending);
      const rows = toStatDataset(await pending, model.stat);
      const predictor = await OnnxPredictor.create(await this.artifacts.loadOnnx(model));
      try {
        const predicted = await predictor.predict(rows.features);
        const probability = ProbabilityModel.fromJSON(metadata.probabilityModel);
        scores.push({ stat: model.stat, modelId: model.id, version: model.version, evaluation: evaluatePredictions(rows, predicted, probability, metadata.baselineFallback.value) });
      } finally {
        await predictor.release();
      }
    }
    return scores;
  }

  /** Appends the production minutes model's projection (ONNX, as served) to rows a stat model with the projection reads. */
  private async withProjection(model: ModelRecord, rows: PlayerGameRows): Promise<PlayerGameRows> {
    const minutes = await this.registry.production(MINUTES_TARGET);
    if (!minutes) throw new ModelNotFoundError(`model ${model.id} needs the minutes projection, but ${MINUTES_TARGET} has no production model`);
    if (minutes.featureSetId !== rows.featureSetId || minutes.featureNames.join('\n') !== rows.featureNames.join('\n')) {
      throw new InvalidTrainingRequestError(`minutes model ${minutes.id} reads ${minutes.featureSetId}, not the columns of ${model.id} (${rows.featureSetId})`);
    }
    const predictor = await OnnxPredictor.create(await this.artifacts.loadOnnx(minutes));
    try {
      return withMinutesProjection(rows, await predictor.predict(rows.features));
    } finally {
      await predictor.release();
    }
  }

  private async resolveModels(command: EvaluateModelCommand): Promise<ModelRecord[]> {
    if (command.model !== 'production') {
      const model = await this.registry.get(command.model);
      if (command.stats.length > 0 && !command.stats.includes(model.stat)) {
        throw new InvalidTrainingRequestError(`model ${model.id} predicts ${model.stat}, not ${command.stats.join(', ')}`);
      }
      return [model];
    }
    const models: ModelRecord[] = [];
    for (const stat of command.stats) {
      const model = await this.registry.production(stat);
      if (!model) throw new ModelNotFoundError(`${stat} has no production model`);
      models.push(model);
    }
    return models;
  }
}
