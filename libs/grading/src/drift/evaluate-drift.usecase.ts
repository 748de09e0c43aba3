import { randomUUID } from 'node:crypto';
import { GameDate } from '@propcast/common';
import { createEvent, ServiceNames, type StatType } from '@propcast/contracts';
import type { EventBus } from '@propcast/messaging';
import { DEFAULT_DRIFT_THRESHOLDS, type RegisteredModel, type RegisteredModelsRepository } from '@propcast/model-registry';
import { summariseGrades } from '../grading/summarise-grades';
import type { GradingRepository } from '../grading/grading.repository';
import { InvalidGradingRequestError, ModelMetadataError, ModelNotFoundError } from '../errors';
import { parseDate } from '../shared/dates';
import { featureSetNamesFrom } from '../shared/feature-set-names';
import { parseStats } from '../shared/stats';
import { gradingMetrics } from '../monitoring/grading-metrics';
import { binDistribution, driftStatistics, type DriftStatistics } from './distribution';
import { parseDriftReference, type DriftReference } from './drift-reference';
import type { DriftRepository, DriftModel } from './drift.repository';
import type { FeatureSetsRepository } from '../shared/feature-sets.repository';

/** A registry model as drift reads it (drift evaluates stat models, never the minutes model). */
const asDriftModel = (m: RegisteredModel): DriftModel => ({ ...m, stat: m.stat as DriftModel['stat'] });

/** Thresholds and windows of drift detection. */
export interface DriftOptions {
  /** Days of recent data, ending at `asOf` (default 14). */
  windowDays: number;
  /** A feature (or the predictions) drifted when its PSI exceeds this (default 0.25: "major shift"). */
  psiThreshold: number;
  /** Performance drifted when rolling graded MAE > test MAE * (1 + this) (default 0.05). */
  maeTolerance: number;
  /** Fewest recent rows for feature or prediction drift to be measured (default 100). */
  minRows: number;
  /** Fewest graded player-games for performance drift to be measured (default 30). */
  minGraded: number;
  /**
   * Features reported but never counted as drift (default CALENDAR_FEATURES): their distribution follows the time of
   * the season, so any two-week window differs from a whole-season training split without anything having changed.
   */
  ignoreFeatures: readonly string[];
}

/** Calendar-driven features of player-props@v1 (season progress, schedule density). */
export const CALENDAR_FEATURES: readonly string[] = ['games_played_season', 'games_vs_opp', 'rest_days', 'back_to_back'];

export const DEFAULT_DRIFT_OPTIONS: DriftOptions = { ...DEFAULT_DRIFT_THRESHOLDS, minRows: 100, minGraded: 30, ignoreFeatures: CALENDAR_FEATURES };

/** What to evaluate: one model, or the production primary model of each stat (all stats by default). */
export interface EvaluateDriftRequest {
  modelId?: string;
  /** Comma-separated stats (ignored with `modelId`). */
  stats?: string;
  /** Last day of the window (default: the latest date with feature rows, not after today). */
  asOf?: string;
  /** Publish `retrain.requested` when drift crosses a threshold (default true). */
  publish?: boolean;
  options?: Partial<DriftOptions>;
}

/** Drift of one feature. */
export interface FeatureDrift extends DriftStatistics {
  name: string;
  referenceNanShare: number;
}

/** A part of the report that could not be measured, and why. */
export interface Skipped {
  skipped: string;
}

/** Feature drift of a run. */
export interface FeatureDriftSection {
  rows: number;
  psiThreshold: number;
  /** Features past the PSI threshold (ignored features excepted). */
  drifted: string[];
  /** Features measured but not counted (options.ignoreFeatures). */
  ignored: string[];
  features: FeatureDrift[];
}

/** Prediction drift of a run. */
export interface PredictionDriftSection extends DriftStatistics {
  reference: 'validation-predictions' | 'earlier-predictions';
  referenceWindow: { from: string; to: string } | null;
  drifted: boolean;
}

/** Performance drift of a run. */
export interface PerformanceSection {
  graded: number;
  rollingMae: number;
  testMae: number;
  maeRatio: number;
  tolerance: number;
  drifted: boolean;
}

/** One drift report (also stored in drift_reports). */
export interface DriftReportResult {
  id: string;
  modelId: string;
  stat: StatType;
  windowFrom: string;
  windowTo: string;
  featureDrift: FeatureDriftSection | Skipped;
  predictionDrift: PredictionDriftSection | Skipped;
  performance: PerformanceSection | Skipped;
  /** Largest PSI among the counted features (drift_reports.max_psi). */
  maxPsi: number;
  /** Largest KS among the counted features. */
  maxKs: number;
  maeRatio: number | null;
  /** A threshold was crossed. */
  drifted: boolean;
  /** `retrain.requested` was published for this report. */
  retrainRequested: boolean;
  /** Which thresholds were crossed (empty when none). */
  reasons: string[];
}

/** Reads artifacts by URI (the ArtifactStore's `get`). */
export interface ArtifactReader {
  get(uriOrKey: string): Promise<Buffer>;
}

/** What drift evaluation reads and writes (createGradingRepositories in every composition root). */
export interface EvaluateDriftRepositories {
  drift: Pick<DriftRepository, 'latestFeatureDate' | 'featureVectors' | 'predictedMeans' | 'insert'>;
  grades: Pick<GradingRepository, 'gradedRows'>;
  models: Pick<RegisteredModelsRepository, 'byId' | 'productionPrimaries'>;
  featureSets: Pick<FeatureSetsRepository, 'featureNames'>;
}

/**
 * Compares a model's recent inputs, outputs and graded errors with its training reference: per-feature PSI/KS
 * of recent feature rows against metadata.json's training distribution, PSI/KS of recent predicted means
 * against the validation predictions (or the window before), rolling graded MAE against the test MAE.
 * Writes one drift_reports row per model; past a threshold it publishes `retrain.requested` and counts it.
 */
export class EvaluateDriftUseCase {
  constructor(
    private readonly repositories: EvaluateDriftRepositories,
    private readonly artifacts: ArtifactReader,
    private readonly events: Pick<EventBus, 'publish'> | null,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Evaluates the requested models; one report each (none when no model matches a stat). */
  async execute(request: EvaluateDriftRequest = {}): Promise<DriftReportResult[]> {
    const options = resolveOptions(request.options);
    if (request.asOf !== undefined) parseDate(request.asOf, 'asOf');
    const models = request.modelId ? [await this.requireModel(request.modelId)] : (await this.repositories.models.productionPrimaries(parseStats(request.stats))).map(asDriftModel);
    const reports: DriftReportResult[] = [];
    for (const model of models) {
      try {
        const report = await this.evaluate(model, request.asOf, options, (request.publish ?? true) && this.events !== null);
        await this.record(report);
        reports.push(report);
      } catch (err) {
        gradingMetrics().driftRuns.inc({ outcome: 'error' });
        throw err;
      }
    }
    return reports;
  }

  private async requireModel(id: string): Promise<DriftModel> {
    const model = await this.repositories.models.byId(id);
    if (!model) throw new ModelNotFoundError(`no model "${id}"`);
    return asDriftModel(model);
  }

  private async evaluate(model: DriftModel, asOf: string | undefined, options: DriftOptions, publish: boolean): Promise<DriftReportResult> {
    const reference = await this.reference(model);
    const windowTo = asOf ?? (await this.repositories.drift.latestFeatureDate(model.featureSetId, GameDate.of(this.clock()))) ?? GameDate.of(this.clock());
    const windowFrom = GameDate.addDays(windowTo, 1 - options.windowDays);
    const featureDrift = await this.featureDrift(model, reference, windowFrom, windowTo, options);
    const predictionDrift = await this.predictionDrift(model, reference, windowFrom, windowTo, options);
    const performance = await this.performance(model, reference, windowFrom, windowTo, options);

    const reasons: string[] = [];
    const features = 'features' in featureDrift ? featureDrift.features.filter((f) => !options.ignoreFeatures.includes(f.name)) : [];
    const worst = features.reduce<FeatureDrift | null>((w, f) => (w === null || f.psi > w.psi ? f : w), null);
    if ('drifted' in featureDrift && featureDrift.drifted.length > 0 && worst) {
      reasons.push(`${featureDrift.drifted.length} feature(s) with PSI > ${options.psiThreshold}, worst ${worst.name} ${worst.psi.toFixed(3)}`);
    }
    if ('drifted' in predictionDrift && predictionDrift.drifted) reasons.push(`predicted means PSI ${predictionDrift.psi.toFixed(3)} > ${options.psiThreshold}`);
    if ('drifted' in performance && performance.drifted)
      reasons.push(`rolling MAE ${performance.rollingMae.toFixed(3)} is ${((performance.maeRatio - 1) * 100).toFixed(1)}% above test MAE ${performance.testMae.toFixed(3)}`);
    return {
      id: randomUUID(),
      modelId: model.id,
      stat: model.stat,
      windowFrom,
      windowTo,
      featureDrift,
      predictionDrift,
      performance,
      maxPsi: worst?.psi ?? 0,
      maxKs: features.reduce((m, f) => Math.max(m, f.ks), 0),
      maeRatio: 'maeRatio' in performance ? performance.maeRatio : null,
      drifted: reasons.length > 0,
      retrainRequested: reasons.length > 0 && publish,
      reasons,
    };
  }

  private async reference(model: DriftModel): Promise<DriftReference> {
    let bytes: Buffer;
    try {
      bytes = await this.artifacts.get(model.metadataUri);
    } catch (err) {
      throw new ModelMetadataError(`cannot read metadata of model ${model.id} at ${model.metadataUri}: ${(err as Error).message}`);
    }
    return parseDriftReference(bytes, model.metrics);
  }

  private async featureDrift(model: DriftModel, reference: DriftReference, from: string, to: string, options: DriftOptions): Promise<FeatureDriftSection | Skipped> {
    const setNames = await featureSetNamesFrom(this.repositories.featureSets, model.featureSetId);
    if (!setNames) return { skipped: `unknown feature set ${model.featureSetId}` };
    const vectors = await this.repositories.drift.featureVectors(model.featureSetId, setNames.length, from, to);
    if (vectors.length < options.minRows) return { skipped: `${vectors.length} feature rows in ${from}..${to}, fewer than ${options.minRows}` };
    const column = new Float64Array(vectors.length);
    const features: FeatureDrift[] = [];
    for (const name of model.featureNames) {
      const index = setNames.indexOf(name);
      const ref = reference.features.get(name);
      if (index < 0 || !ref) continue;
      vectors.forEach((v, i) => (column[i] = v[index]));
      features.push({ name, referenceNanShare: ref.nanShare, ...driftStatistics(ref, column) });
    }
    const ignored = features.filter((f) => options.ignoreFeatures.includes(f.name)).map((f) => f.name);
    const drifted = features.filter((f) => f.psi > options.psiThreshold && !ignored.includes(f.name)).map((f) => f.name);
    return { rows: vectors.length, psiThreshold: options.psiThreshold, drifted, ignored, features };
  }

  private async predictionDrift(model: DriftModel, reference: DriftReference, from: string, to: string, options: DriftOptions): Promise<PredictionDriftSection | Skipped> {
    const recent = await this.repositories.drift.predictedMeans(model.id, from, to);
    if (recent.length < options.minRows) return { skipped: `${recent.length} predictions in ${from}..${to}, fewer than ${options.minRows}` };
    if (reference.predictions) {
      const stats = driftStatistics(reference.predictions, recent);
      return { reference: 'validation-predictions', referenceWindow: null, ...stats, drifted: stats.psi > options.psiThreshold };
    }
    const referenceWindow = { from: GameDate.addDays(from, -options.windowDays), to: GameDate.addDays(from, -1) };
    const earlier = await this.repositories.drift.predictedMeans(model.id, referenceWindow.from, referenceWindow.to);
    if (earlier.length < options.minRows) return { skipped: `no validation predictions in metadata and ${earlier.length} earlier predictions, fewer than ${options.minRows}` };
    const stats = driftStatistics(binDistribution(earlier), recent);
    return { reference: 'earlier-predictions', referenceWindow, ...stats, drifted: stats.psi > options.psiThreshold };
  }

  private async performance(model: DriftModel, reference: DriftReference, from: string, to: string, options: DriftOptions): Promise<PerformanceSection | Skipped> {
    if (reference.testMae === null || !(reference.testMae > 0)) return { skipped: 'the model has no test MAE' };
    const summary = summariseGrades(await this.repositories.grades.gradedRows({ from, to, modelId: model.id }));
    const graded = Math.round(summary.n * (summary.coverage ?? 0));
    if (summary.mae === null || graded < options.minGraded) return { skipped: `${graded} graded player-games in ${from}..${to}, fewer than ${options.minGraded}` };
    const maeRatio = summary.mae / reference.testMae;
    return { graded, rollingMae: summary.mae, testMae: reference.testMae, maeRatio, tolerance: options.maeTolerance, drifted: maeRatio > 1 + options.maeTolerance };
  }

  /** Stores the report, counts the run and, when it says so, asks for a retrain. */
  private async record(report: DriftReportResult): Promise<void> {
    const { maxKs: _maxKs, reasons: _reasons, drifted: _drifted, ...row } = report;
    await this.repositories.drift.insert({ ...row, createdAt: this.clock() });
    const labels = { stat: report.stat };
    const { driftRuns, driftRetrainRequested } = gradingMetrics();
    driftRuns.inc({ outcome: report.drifted ? 'drift' : 'ok' });
    if (!report.retrainRequested || !this.events) return;
    const reason = `drift of model ${report.modelId} over ${report.windowFrom}..${report.windowTo}: ${report.reasons.join('; ')}`;
    await this.events.publish(createEvent('retrain.requested', { stats: [report.stat], reason, driftReportId: report.id }, ServiceNames.trainer));
    driftRetrainRequested.inc(labels);
  }
}

function resolveOptions(overrides: Partial<DriftOptions> = {}): DriftOptions {
  const options: DriftOptions = { ...DEFAULT_DRIFT_OPTIONS, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  for (const [name, value] of Object.entries(options)) {
    if (name !== 'ignoreFeatures' && !(Number.isFinite(value) && value >= 0)) throw new InvalidGradingRequestError(`drift option ${name} must be a non-negative number, got ${String(value)}`);
  }
  if (!Number.isInteger(options.windowDays) || options.windowDays < 1) throw new InvalidGradingRequestError(`windowDays must be a positive integer, got ${options.windowDays}`);
  return options;
}
