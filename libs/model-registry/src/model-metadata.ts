import { ModelTargetSchema, type ModelTarget } from '@propcast/contracts';
import type { ProbabilityModelJSON } from '@propcast/prediction';
import type { BoosterParams } from '@propcast/xgboost';
import { z } from 'zod';
import { ModelMetadataError } from './errors';
import type { Evaluation } from './evaluation.types';
import type { DateWindow, FeatureDistribution, TrainingObjective } from './metadata-parts';

/** Version of the metadata.json layout below. */
export const MODEL_METADATA_SCHEMA_VERSION = 1;

/** Where one artifact of a model lives and its sha256. */
export interface StoredArtifact {
  key: string;
  uri: string;
  sha256: string;
  size: number;
}

/** Rows and dates of one split. */
export interface SplitSummary extends DateWindow {
  rows: number;
}

/** Period, rows and rounds of one fit of a model (see TrainedModel in @propcast/training). */
export interface FitRecord extends SplitSummary {
  rounds: number;
  /** Season decay of the instance weights (1 = unweighted). */
  recencyDecay: number;
}

/**
 * The two fits of a model: `selection` (training dates, early stopping on validation; its validation and test
 * metrics are `metrics` below, out of sample) and `refit` (every row of the window with the selection's settings,
 * the served model; null when the selection fit serves).
 */
export interface ModelFits {
  selection: FitRecord & { bestIteration: number; validationMae: number; unweightedValidationMae: number };
  refit: (FitRecord & { roundScale: number }) | null;
}

/**
 * metadata.json, stored beside every model: everything needed to serve it exactly as it was evaluated
 * (feature order, probability model) and to audit it (params, data, metrics, baselines, drift reference).
 */
export interface ModelMetadata {
  schemaVersion: typeof MODEL_METADATA_SCHEMA_VERSION;
  modelId: string;
  stat: ModelTarget;
  version: number;
  createdAt: string;
  trainingRunId: string | null;
  featureSet: { id: string; version: number; definitionHash: string | null };
  /** Input column order of model.onnx and model.json. */
  featureNames: string[];
  objective: TrainingObjective;
  /** XGBoost parameters the final model was trained with. */
  params: BoosterParams;
  /** Last boosting round the served model uses (zero-based); predictions use [0, bestIteration + 1). */
  bestIteration: number;
  /** Both fits; the served artifacts are the refit's when there is one (absent in metadata written before the refit). */
  fits?: ModelFits;
  xgboostVersion: string;
  dataset: {
    fingerprint: string;
    window: DateWindow;
    seasonTypes: string[];
    splits: { train: SplitSummary; validation: SplitSummary; test: SplitSummary };
  };
  /** Model and baselines on the validation and test splits (the selection fit's predictions: out of sample). */
  metrics: { validation: Evaluation; test: Evaluation };
  /** How the baselines fill rows whose baseline feature is NaN. */
  baselineFallback: { value: number; rule: string };
  /** libs/prediction ProbabilityModel JSON: `ProbabilityModel.fromJSON(metadata.probabilityModel)`. */
  probabilityModel: ProbabilityModelJSON;
  /** Training-split distribution of every feature, in featureNames order. */
  featureDistribution: FeatureDistribution[];
  /** Distribution of the model's validation predictions (reference for prediction drift). */
  predictionDistribution: FeatureDistribution;
  featureImportance: { type: 'gain'; values: Record<string, number> };
  search: { budgetMinutes: number; trials: number; chosenTrial: number };
  onnxParity: { rows: number; maxAbsDiff: number; tolerance: number };
  artifacts: { onnx: StoredArtifact; native: StoredArtifact; report: StoredArtifact };
}

const ArtifactSchema = z.object({ key: z.string(), uri: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number() });

// The fields a consumer relies on are checked; the rest passes through as written.
const MetadataSchema = z
  .object({
    schemaVersion: z.literal(MODEL_METADATA_SCHEMA_VERSION),
    modelId: z.string().min(1),
    stat: ModelTargetSchema,
    version: z.number().int().positive(),
    featureSet: z.object({ id: z.string().min(1), version: z.number().int(), definitionHash: z.string().nullable() }),
    featureNames: z.array(z.string()).min(1),
    objective: z.string(),
    bestIteration: z.number().int().nonnegative(),
    probabilityModel: z.object({ kind: z.literal('probability-model') }).passthrough(),
    baselineFallback: z.object({ value: z.number(), rule: z.string() }),
    artifacts: z.object({ onnx: ArtifactSchema, native: ArtifactSchema, report: ArtifactSchema }),
  })
  .passthrough();

/** Parses metadata.json bytes or a parsed object; throws ModelMetadataError naming the first bad field. */
export function parseModelMetadata(input: Buffer | string | unknown): ModelMetadata {
  let json: unknown = input;
  if (Buffer.isBuffer(input) || typeof input === 'string') {
    try {
      json = JSON.parse(input.toString());
    } catch (err) {
      throw new ModelMetadataError(`metadata.json is not valid JSON: ${(err as Error).message}`);
    }
  }
  const parsed = MetadataSchema.safeParse(json);
  if (!parsed.success) throw new ModelMetadataError(`invalid metadata.json: ${z.prettifyError(parsed.error)}`);
  return parsed.data as unknown as ModelMetadata;
}
