import { createEvent, ServiceNames, type ModelTarget } from '@propcast/contracts';
import type { ModelArtifacts } from '../artifacts/model-artifacts';
import type { ModelMetadata, ModelRecord, ModelRegistry } from '@propcast/model-registry';
import { exportServingModel } from '../artifacts/export-serving-model';
import { packageModel } from '../artifacts/package-model';
import { datasetFingerprint } from '../dataset/dataset-fingerprint';
import type { PlayerGameRows } from '../dataset/dataset.types';
import { splitByDate, type SplitFractions } from '../dataset/split-by-date';
import { toStatDataset } from '../dataset/stat-dataset';
import { DatasetTooSmallError } from '../errors';
import { targetMean } from '../evaluation/baselines';
import { evaluatePredictions } from '../evaluation/evaluate-predictions';
import type { Evaluation } from '../evaluation/evaluation.types';
import { fitProbabilityModel, type ProbabilityFitOptions } from '../evaluation/fit-probability-model';
import { trainModel, type ModelTrainingOptions } from '../model/train-model';
import { XgboostClock } from '../model/xgboost-clock';
import type { EventPublisher } from '../registry/model-promotion.notifier';
import { RunProgress, type ProgressListener } from '../runs/run-progress';
import type { TrainingMetrics } from '../runs/training-metrics';
import type { TrainingRunRepository } from '../runs/training-run.repository';
import { STAT_DEFINITIONS } from '../stats';
import type { GateCandidateUseCase, GateOutcome } from './gate-candidate.usecase';
import type { MinutesProjectionSettings } from '../minutes/project-rows';

/** How every stat is trained (service configuration, not per request). */
export interface TrainingSettings {
  featureSet: ModelMetadata['featureSet'];
  /** The feature set's ordered names (every stored vector must match). */
  featureNames: readonly string[];
  seasonTypes: readonly string[];
  split: SplitFractions;
  model: Omit<ModelTrainingOptions, 'budgetMinutes'>;
  probability: ProbabilityFitOptions;
  /** Fewest rows each split must have. */
  minRowsPerSplit: number;
  /**
   * When set, prop-stat models get a `minutes_projection` input: out of fold in training (date blocks), the served
   * minutes model's output when evaluated and served. Absent or null: no projection (as before).
   */
  minutesProjection?: MinutesProjectionSettings | null;
}

/** Train one stat as run `runId` (whose lease the caller holds). */
export interface TrainStatCommand {
  runId: string;
  stat: ModelTarget;
  /** Loads the rows (may be shared and memoised across the stats of one request). */
  loadRows: () => Promise<PlayerGameRows>;
  budgetMinutes: number;
  /** Aborted when the run's lease is lost. */
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

/** What a successful run produced. */
export interface TrainStatResult {
  runId: string;
  stat: ModelTarget;
  model: ModelRecord;
  gate: GateOutcome;
  test: Evaluation;
  seconds: number;
  /** Part of `seconds` spent inside libxgboost calls. */
  xgboostSeconds: number;
}

/** Collaborators of {@link TrainStatUseCase}. */
export interface TrainStatDependencies {
  registry: ModelRegistry;
  runs: TrainingRunRepository;
  artifacts: ModelArtifacts;
  gate: GateCandidateUseCase;
  metrics: TrainingMetrics;
  events: EventPublisher;
  settings: TrainingSettings;
  clock: XgboostClock;
}

/**
 * Trains, evaluates, packages, registers and gates one stat's model:
 * dataset (rows with a known target) → date split → budgeted search + selection fit (early stopping on validation,
 * recency decay kept if it helps) → refit on every row of the window (when enabled) → baselines and metrics on test
 * and probability model on validation, from the selection fit's out-of-sample predictions → ONNX of the served
 * model (parity-checked) + model.json + report.html + metadata.json →
 * CANDIDATE in the registry → promotion gate. The run row follows along; failures are recorded and counted.
 */
export class TrainStatUseCase {
  constructor(private readonly deps: TrainStatDependencies) {}

  /** Runs the whole pipeline for one stat; rethrows after recording a failure. */
  async execute(command: TrainStatCommand): Promise<TrainStatResult> {
    const { runs, metrics } = this.deps;
    const started = Date.now();
    const xgbBefore = this.deps.clock.seconds;
    const progress = new RunProgress(runs, command.runId, command.onProgress);
    try {
      const result = await this.train(command, progress);
      await progress.flush();
      const message = `${result.model.id}: test MAE ${result.test.model.mae?.toFixed(4)}; ${result.gate.reason}`;
      await runs.succeed(command.runId, result.model.id, message);
      const seconds = (Date.now() - started) / 1000;
      metrics.runFinished(command.stat, 'SUCCEEDED', seconds);
      await this.publishCompleted(command, result.model.id, 'SUCCEEDED');
      return { ...result, seconds, xgboostSeconds: this.deps.clock.seconds - xgbBefore };
    } catch (err) {
      await progress.flush();
      await runs.fail(command.runId, describe(err)).catch(() => undefined);
      metrics.runFinished(command.stat, 'FAILED', (Date.now() - started) / 1000);
      await this.publishCompleted(command, null, 'FAILED');
      throw err;
    }
  }

  private async train(command: TrainStatCommand, progress: RunProgress): Promise<Omit<TrainStatResult, 'seconds' | 'xgboostSeconds'>> {
    const { registry, runs, artifacts, settings, clock } = this.deps;
    const { stat, budgetMinutes, signal } = command;
    progress.report(0.01, 'reading the dataset');
    const dataset = toStatDataset(await command.loadRows(), stat);
    progress.report(0.04, `splitting ${dataset.size} rows by date`);
    const splits = splitByDate(dataset, settings.split);
    for (const name of ['train', 'validation', 'test'] as const) {
      if (splits[name].size < settings.minRowsPerSplit) {
        throw new DatasetTooSmallError(stat, dataset.size, `the ${name} split has ${splits[name].size} rows, need ${settings.minRowsPerSplit}`);
      }
    }
    const fingerprint = datasetFingerprint(dataset);

    const searchStarted = Date.now();
    const objectiveTrials = settings.model.objectives.length;
    const trained = await trainModel(
      { ...splits, all: dataset },
      { ...settings.model, budgetMinutes },
      {
        clock,
        signal,
        onTrial: async (trial, trials) => {
          const share = searchShare(trials.length, objectiveTrials, Date.now() - searchStarted, budgetMinutes);
          progress.report(
            trial.phase === 'refit' ? 0.85 : trial.phase === 'final' || trial.phase === 'recency' ? 0.7 : 0.05 + 0.5 * share,
            `trial ${trial.trial} (${trial.phase}, ${trial.config.objective}): validation MAE ${trial.validationMae.toFixed(4)}`,
          );
          await runs.trials(command.runId, trials);
        },
        onFinalRound: (round, maxRounds) => {
          if (round % 10 === 0) progress.report(0.55 + (0.15 * round) / maxRounds, `selection fit: round ${round + 1}`);
        },
        onRefitRound: (round, rounds) => {
          if (round % 10 === 0) progress.report(0.7 + (0.15 * round) / rounds, `refit on all ${dataset.size} rows: round ${round + 1} of ${rounds}`);
        },
      },
    );
    try {
      signal?.throwIfAborted();
      progress.report(0.86, 'exporting ONNX and checking parity with native predictions');
      const version = await registry.nextVersion(stat);
      const modelId = `${STAT_DEFINITIONS[stat].key}-v${version}`;
      const exported = await exportServingModel(trained, splits.validation, splits.test, { featureSetId: settings.featureSet.id, modelId });

      progress.report(0.88, 'fitting the probability model and evaluating on the test split');
      // Out-of-sample predictions: the served ONNX's own when it is the selection fit; the selection fit's when a
      // refit serves (the refit has seen the validation and test dates).
      const outOfSample = trained.refit ? trained.selection : exported;
      const baselineFallback = targetMean(splits.train);
      const probabilityModel = fitProbabilityModel(splits.validation, outOfSample.validationPredictions, settings.probability);
      const evaluation = {
        validation: evaluatePredictions(splits.validation, outOfSample.validationPredictions, probabilityModel, baselineFallback),
        test: evaluatePredictions(splits.test, outOfSample.testPredictions, probabilityModel, baselineFallback),
      };

      progress.report(0.92, 'uploading artifacts');
      const { metadata, metadataArtifact } = await packageModel(
        {
          modelId,
          version,
          trainingRunId: command.runId,
          featureSet: settings.featureSet,
          seasonTypes: settings.seasonTypes,
          fingerprint,
          splits,
          trained,
          exported,
          evaluation,
          probabilityModel,
          baselineFallback,
          budgetMinutes,
        },
        artifacts,
        clock,
      );

      // A run whose lease was taken over must not register (the new holder trains this stat now).
      signal?.throwIfAborted();
      progress.report(0.95, 'registering the candidate and running the promotion gate');
      const candidate = await registry.register(
        {
          id: modelId,
          stat,
          version,
          featureSetId: settings.featureSet.id,
          featureNames: metadata.featureNames,
          objective: metadata.objective,
          params: { ...metadata.params, bestIteration: metadata.bestIteration },
          artifactUri: metadata.artifacts.onnx.uri,
          artifactSha256: metadata.artifacts.onnx.sha256,
          nativeUri: metadata.artifacts.native.uri,
          metadataUri: metadataArtifact.uri,
          // The served model's training period: every date of the window when refitted.
          trainFrom: trained.refit?.from ?? splits.ranges.train.from,
          trainTo: trained.refit?.to ?? splits.ranges.train.to,
          datasetFingerprint: fingerprint,
          metrics: { validation: compact(evaluation.validation), test: compact(evaluation.test), fits: metadata.fits },
          baselines: { test: evaluation.test.baselines, validation: evaluation.validation.baselines },
          trainingRunId: command.runId,
        },
        'trainer',
      );
      this.deps.metrics.modelTestMae(stat, version, evaluation.test.model.mae ?? Number.NaN);
      const gate = await this.deps.gate.execute({
        candidate,
        testRows: splits.test,
        testPredictions: outOfSample.testPredictions,
        testMetrics: evaluation.test.model,
        baselines: evaluation.test.baselines,
      });
      return { runId: command.runId, stat, model: await registry.get(candidate.id), gate, test: evaluation.test };
    } finally {
      trained.booster.dispose();
    }
  }

  private async publishCompleted(command: TrainStatCommand, modelId: string | null, status: 'SUCCEEDED' | 'FAILED'): Promise<void> {
    await this.deps.events.publish(createEvent('training.completed', { runId: command.runId, stat: command.stat, modelId, status }, ServiceNames.trainer)).catch(() => undefined);
  }
}

/** Registry copy of an evaluation: everything but the reliability curves (they live in metadata.json). */
function compact(e: Evaluation): object {
  const ou = (m: Evaluation['overUnder']['real']) => (m ? { ...m, reliability: undefined } : null);
  return { rows: e.rows, model: e.model, byMinutes: e.byMinutes, overUnder: { real: ou(e.overUnder.real), proxy: ou(e.overUnder.proxy) } };
}

/** Share of the search done: the objective comparison, then (with a budget) the time used. */
function searchShare(trialsDone: number, objectiveTrials: number, elapsedMs: number, budgetMinutes: number): number {
  const objectives = Math.min(1, trialsDone / objectiveTrials);
  if (budgetMinutes <= 0) return objectives;
  return Math.min(1, 0.3 * objectives + 0.7 * Math.min(1, elapsedMs / (budgetMinutes * 60_000)));
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
