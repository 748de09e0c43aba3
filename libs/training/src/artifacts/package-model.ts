import type { ProbabilityModel } from '@propcast/prediction';
import { xgboostVersion } from '@propcast/xgboost';
import type { DateSplits } from '../dataset/split-by-date';
import type { Evaluation } from '../evaluation/evaluation.types';
import type { TrainedModel } from '../model/train-model';
import { XgboostClock } from '../model/xgboost-clock';
import { summarizeFeatures, summarizeValues } from './feature-distribution';
import type { ModelArtifacts } from './model-artifacts';
import { MODEL_METADATA_SCHEMA_VERSION, type ModelFits, type ModelMetadata, type StoredArtifact } from '@propcast/model-registry';
import { renderModelReport } from './model-report';
import type { ServingExport } from './export-serving-model';

/** Everything about a trained model that goes into its artifacts. */
export interface ModelPackageInput {
  modelId: string;
  version: number;
  trainingRunId: string | null;
  featureSet: ModelMetadata['featureSet'];
  seasonTypes: readonly string[];
  fingerprint: string;
  splits: DateSplits;
  trained: TrainedModel;
  /** The parity-checked ONNX export of the served model. */
  exported: ServingExport;
  evaluation: { validation: Evaluation; test: Evaluation };
  probabilityModel: ProbabilityModel;
  baselineFallback: number;
  budgetMinutes: number;
}

/** The uploaded artifacts and the metadata describing them. */
export interface ModelPackage {
  metadata: ModelMetadata;
  metadataArtifact: StoredArtifact;
}

const FALLBACK_RULE = 'mean of the target on the training split, used where a baseline feature is NaN (no earlier game)';

/** Writes model.onnx (already parity-checked), model.json, report.html and finally metadata.json describing them. */
export async function packageModel(input: ModelPackageInput, artifacts: ModelArtifacts, clock = new XgboostClock()): Promise<ModelPackage> {
  const { trained, splits, exported } = input;
  const featureNames = [...splits.train.featureNames];
  const native = clock.time(() => trained.booster.saveModel('json'));
  const importance = clock.time(() => trained.booster.featureImportance('gain'));

  const range = (s: keyof DateSplits['ranges']) => ({ ...splits.ranges[s], rows: splits[s].size });
  const base: Omit<ModelMetadata, 'artifacts'> = {
    schemaVersion: MODEL_METADATA_SCHEMA_VERSION,
    modelId: input.modelId,
    stat: splits.train.stat,
    version: input.version,
    createdAt: new Date().toISOString(),
    trainingRunId: input.trainingRunId,
    featureSet: input.featureSet,
    featureNames,
    objective: trained.config.objective,
    params: trained.params,
    bestIteration: trained.bestIteration,
    fits: modelFits(trained),
    xgboostVersion: xgboostVersion().toString(),
    dataset: {
      fingerprint: input.fingerprint,
      window: splits.train.window,
      seasonTypes: [...input.seasonTypes],
      splits: { train: range('train'), validation: range('validation'), test: range('test') },
    },
    metrics: input.evaluation,
    baselineFallback: { value: input.baselineFallback, rule: FALLBACK_RULE },
    probabilityModel: input.probabilityModel.toJSON(),
    featureDistribution: summarizeFeatures(splits.train),
    predictionDistribution: summarizeValues('prediction', exported.validationPredictions),
    featureImportance: { type: 'gain', values: importance },
    search: { budgetMinutes: input.budgetMinutes, trials: trained.trials.length, chosenTrial: trained.chosenTrial },
    onnxParity: exported.parity,
  };
  const report = renderModelReport({ metadata: base, testPredicted: trained.selection.testPredictions, testActual: splits.test.target, trials: trained.trials });
  const files = await artifacts.uploadFiles(base.stat, input.version, { onnx: exported.onnx, native, report });
  const metadata: ModelMetadata = { ...base, artifacts: files };
  return { metadata, metadataArtifact: await artifacts.uploadMetadata(metadata) };
}

/** The registry and metadata record of both fits (predictions left out). */
export function modelFits(trained: TrainedModel): ModelFits {
  const { validationPredictions: _v, testPredictions: _t, ...selection } = trained.selection;
  return { selection, refit: trained.refit };
}
