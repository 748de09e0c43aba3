import { withPgTransaction } from '@propcast/db';
import { PredictionError } from '@propcast/prediction';
import { MINUTES_PROJECTION_FEATURE, type PredictionJob, type PredictionRequest } from '@propcast/contracts';
import { needsMinutesProjection } from '@propcast/training';
import type { Pool } from 'pg';
import type { BatchRepository } from '../batches/batch.repository';
import type { ModelRole } from '../batches/batch.types';
import { JobNotFoundError } from '../errors';
import { columnMapping, writeModelRow, type ColumnMapping } from '../features/column-mapping';
import type { FeatureSource, FeatureVectors } from '../features/feature-source';
import { servingMetrics } from '../metrics';
import type { LoadedModel } from '../models/model-loader';
import { MinutesProjector } from '../models/minutes-projector';
import { ServingModels, type StatModels } from '../models/serving-models';
import { PredictionRepository, type PredictionRow } from '../predictions/prediction.repository';
import type { MarketCombinerRepository } from '../pricing/market-combiner.repository';
import { quoteKey, type BookQuoteSource } from '../pricing/book-quote.repository';
import { pricePrediction, type CombinerForDate, type PricingOptions, type QualityContext } from '../pricing/price-prediction';
import { NO_LINE_BOOK } from '../slate/build-jobs';

/** Feature columns the quality flags read (feature set v1 names). */
const GAMES_PLAYED_FEATURE = 'games_played_season';
const MINUTES_STD_FEATURE = 'minutes_std_last10';

/** Predict one job (payload already validated against the job contract). */
export interface PredictJobCommand {
  job: PredictionJob;
  /** This processing attempt, 1-based. */
  attempt: number;
}

/** What a job produced; `skipped` when an earlier run of the same job had already been recorded. */
export interface PredictJobResult {
  outcome: 'done' | 'skipped';
  batchId: string;
  succeeded: number;
  failed: number;
  /** Rows written, shadow predictions included. */
  predictions: number;
  failures: Record<string, number>;
}

/** Why requests failed: a bounded metric label and the message stored on the batch. */
type FailureCode = 'no_production_model' | 'missing_features' | 'model_features' | 'minutes_projection' | 'non_finite_prediction' | 'pricing';

interface Assignment {
  index: number;
  request: PredictionRequest;
  role: ModelRole;
}

/** The repositories PredictJobUseCase uses (createServingRepositories() in services, in-memory ones in unit tests). */
export interface PredictJobRepositories {
  batches: Pick<BatchRepository, 'lockJob' | 'saveJobResult'>;
  predictions: Pick<PredictionRepository, 'upsert'>;
  bookQuotes: BookQuoteSource;
  marketCombiners: Pick<MarketCombinerRepository, 'forModel'>;
}

/**
 * The worker's use case: features for the whole job in one lookup per feature set, the stat's serving models
 * (production primary, traffic-split challengers by player hash, shadows), one ONNX run per model, pricing through
 * libs/prediction, then predictions and the job's result written in one transaction under the job row lock — a job
 * already recorded DONE is skipped, so a retried or duplicated job can neither double rows nor double-count. A stat
 * without a usable production model fails its requests with that reason; no number is ever made up.
 */
export class PredictJobUseCase {
  private readonly mappings = new WeakMap<LoadedModel, Map<readonly string[], ColumnMapping>>();
  private readonly projectedColumns = new WeakMap<readonly string[], readonly string[]>();
  private readonly minutes: MinutesProjector;

  constructor(
    private readonly pool: Pool,
    private readonly repositories: PredictJobRepositories,
    private readonly features: FeatureSource,
    private readonly models: ServingModels,
    private readonly pricing: PricingOptions,
  ) {
    this.minutes = new MinutesProjector(models);
  }

  /** Predicts every request of the job and records the predictions and the result together. */
  async execute(command: PredictJobCommand): Promise<PredictJobResult> {
    const { job } = command;
    const failures = new Map<string, number>();
    const fail = (code: FailureCode, message: string): void => {
      failures.set(message, (failures.get(message) ?? 0) + 1);
      servingMetrics.requestFailures.inc({ stat: job.stat, reason: code });
    };

    const lease = await this.models.acquire(job.stat);
    const { rows, served } = await this.predictAll(job, lease.models, fail).finally(() => lease.release());
    const failureCounts = Object.fromEntries(failures);
    const succeeded = served.size;
    const failed = job.requests.length - succeeded;
    const outcome = await withPgTransaction(this.pool, async (client) => {
      const before = await this.repositories.batches.lockJob(client, job.jobId);
      if (!before) throw new JobNotFoundError(job.jobId);
      if (before.state === 'DONE') return 'skipped' as const;
      await this.repositories.predictions.upsert(client, [...rows.values()]);
      await this.repositories.batches.saveJobResult(client, before, { jobId: job.jobId, state: 'DONE', attempts: command.attempt, succeeded, failed, failures: failureCounts });
      return 'done' as const;
    });
    if (outcome === 'done') {
      for (const row of rows.values()) servingMetrics.predictions.inc({ stat: row.stat, model: row.modelId, role: row.role, recommendation: row.recommendation });
    }
    return { outcome, batchId: job.batchId, succeeded, failed, predictions: rows.size, failures: failureCounts };
  }

  /** Routes every request to its model(s), runs each model once and prices the results. */
  private async predictAll(job: PredictionJob, models: StatModels, fail: (code: FailureCode, message: string) => void): Promise<{ rows: Map<string, PredictionRow>; served: Set<number> }> {
    const assignments = new Map<LoadedModel, Assignment[]>();
    const assign = (model: LoadedModel, a: Assignment) => {
      const list = assignments.get(model);
      if (list) list.push(a);
      else assignments.set(model, [a]);
    };
    job.requests.forEach((request, index) => {
      const model = ServingModels.modelFor(models, request.playerId);
      if (!model) return fail('no_production_model', models.unavailableReason ?? `no production model for ${job.stat}`);
      assign(model, { index, request, role: model.info.role });
      for (const shadow of models.shadows) assign(shadow, { index, request, role: 'SHADOW' });
    });

    const vectorsBySet = await this.lookupFeatures(job, [...assignments.keys()]);
    const rows = new Map<string, PredictionRow>();
    const served = new Set<number>();
    const now = Date.now();
    // Every book's quotes captured before now: the other books' consensus, an input of a version-2 combination.
    const pricedAt = new Date(now);
    const priced = job.requests.filter((r) => r.line !== null).map((r) => r.playerId);
    const quotes = await this.repositories.bookQuotes.forProps(this.pool, job.gameDate, job.stat, [...new Set(priced)], pricedAt);
    for (const [model, items] of assignments) {
      const vectors = vectorsBySet.get(model.info.featureSetId);
      if (!vectors) continue;
      const stored = await this.repositories.marketCombiners.forModel(this.pool, model.info.id, job.stat, job.gameDate);
      const combiner: CombinerForDate | null = stored ? { ...stored, gameDate: job.gameDate } : null;
      for (const { assignment, mean, quality } of await this.infer(model, items, vectors, job, now, fail)) {
        const { request, role, index } = assignment;
        const counts = role !== 'SHADOW';
        if (!Number.isFinite(mean)) {
          if (counts) fail('non_finite_prediction', `model ${model.info.id} predicted a non-finite mean`);
          continue;
        }
        let priced;
        try {
          const otherBooks = { quotes: quotes.get(quoteKey(request.playerId, request.gameId)) ?? [], pricedAt };
          priced = pricePrediction(mean, request, model.probability, role, quality, this.pricing, combiner, otherBooks);
        } catch (error) {
          if (!(error instanceof PredictionError)) throw error;
          if (counts) fail('pricing', `cannot price: ${error.message}`);
          continue;
        }
        const row: PredictionRow = {
          batchId: job.batchId,
          playerId: request.playerId,
          gameId: request.gameId,
          gameDate: job.gameDate,
          stat: job.stat,
          modelId: model.info.id,
          modelVersion: model.info.version,
          role,
          book: request.line === null && request.book === NO_LINE_BOOK ? '' : request.book,
          predictedMean: mean,
          line: request.line,
          overPrice: request.overPrice,
          underPrice: request.underPrice,
          ...priced,
        };
        // One row per unique key: a job repeating a request must not hit the same row twice in one upsert.
        rows.set(`${row.playerId}|${row.gameId}|${row.modelId}|${row.book}`, row);
        if (counts) served.add(index);
      }
    }
    return { rows, served };
  }

  /** One feature lookup per feature set the job's models use, for all the job's players at once. */
  private async lookupFeatures(job: PredictionJob, models: readonly LoadedModel[]): Promise<Map<string, FeatureVectors>> {
    const playerIds = [...new Set(job.requests.map((r) => r.playerId))];
    const out = new Map<string, FeatureVectors>();
    for (const featureSetId of new Set(models.map((m) => m.info.featureSetId))) {
      out.set(featureSetId, await this.features.vectors(featureSetId, job.gameDate, playerIds));
    }
    return out;
  }

  /** Builds the model's input rows, runs it once, and returns each row's mean with its quality context. */
  private async infer(
    model: LoadedModel,
    items: readonly Assignment[],
    vectors: FeatureVectors,
    job: PredictionJob,
    now: number,
    fail: (code: FailureCode, message: string) => void,
  ): Promise<{ assignment: Assignment; mean: number; quality: QualityContext }[]> {
    // A model with the minutes projection input reads the feature set's columns plus the served minutes model's output.
    const projecting = needsMinutesProjection(model.featureNames);
    const columns = projecting ? this.withProjectionColumn(vectors.featureNames) : vectors.featureNames;
    const mapping = this.mappingFor(model, columns);
    if (mapping.kind === 'missing') {
      const message = `model ${model.info.id} needs features missing from ${model.info.featureSetId}: ${mapping.names.slice(0, 5).join(', ')}`;
      for (const item of items) if (item.role !== 'SHADOW') fail('model_features', message);
      return [];
    }
    const width = model.predictor.numFeatures;
    const gamesAt = vectors.featureNames.indexOf(GAMES_PLAYED_FEATURE);
    const minutesStdAt = vectors.featureNames.indexOf(MINUTES_STD_FEATURE);
    let present: { assignment: Assignment; quality: QualityContext; vector: Float32Array }[] = [];
    for (const item of items) {
      const vector = vectors.get(item.request.playerId, item.request.gameId);
      if (!vector) {
        if (item.role !== 'SHADOW') fail('missing_features', `no feature row for the player's game on ${job.gameDate} in ${model.info.featureSetId}`);
        continue;
      }
      const capturedAt = item.request.capturedAt ? Date.parse(item.request.capturedAt) : NaN;
      present.push({
        assignment: item,
        vector,
        quality: {
          gamesThisSeason: gamesAt >= 0 ? vector[gamesAt] : null,
          minutesStd: minutesStdAt >= 0 && Number.isFinite(vector[minutesStdAt]) ? vector[minutesStdAt] : null,
          lineAgeMinutes: Number.isFinite(capturedAt) ? Math.max(0, (now - capturedAt) / 60_000) : null,
        },
      });
    }
    if (projecting && present.length > 0) {
      const projection = await this.minutes.project(
        vectors.featureNames,
        present.map((p) => p.vector),
      );
      if ('unavailable' in projection) {
        const message = `model ${model.info.id} needs the minutes projection: ${projection.unavailable}`;
        for (const p of present) if (p.assignment.role !== 'SHADOW') fail('minutes_projection', message);
        return [];
      }
      present = present.map((p, k) => ({ ...p, vector: appendValue(p.vector, projection.values[k]) }));
    }
    const input = new Float32Array(present.length * width);
    present.forEach((p, row) => writeModelRow(input, row, width, p.vector, mapping));
    if (present.length === 0) return [];
    const stopTimer = servingMetrics.inferenceDuration.startTimer({ stat: job.stat, model: model.info.id });
    const means = await model.predictor.predict(input.subarray(0, present.length * width));
    stopTimer();
    servingMetrics.inferenceRows.observe({ stat: job.stat }, present.length);
    return present.map((p, k) => ({ assignment: p.assignment, quality: p.quality, mean: means[k] }));
  }

  /** The feature set's columns with `minutes_projection` after them (one array per feature set, so mappings are cached). */
  private withProjectionColumn(featureSetColumns: readonly string[]): readonly string[] {
    let columns = this.projectedColumns.get(featureSetColumns);
    if (!columns) this.projectedColumns.set(featureSetColumns, (columns = [...featureSetColumns, MINUTES_PROJECTION_FEATURE]));
    return columns;
  }

  private mappingFor(model: LoadedModel, featureSetColumns: readonly string[]): ColumnMapping {
    let byColumns = this.mappings.get(model);
    if (!byColumns) this.mappings.set(model, (byColumns = new Map()));
    let mapping = byColumns.get(featureSetColumns);
    if (!mapping) byColumns.set(featureSetColumns, (mapping = columnMapping(model.featureNames, featureSetColumns)));
    return mapping;
  }
}

/** A copy of `vector` with one more value at the end. */
function appendValue(vector: Float32Array, value: number): Float32Array {
  const out = new Float32Array(vector.length + 1);
  out.set(vector);
  out[vector.length] = value;
  return out;
}
