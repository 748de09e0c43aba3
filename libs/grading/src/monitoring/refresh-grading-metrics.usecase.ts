import type { Pool } from 'pg';
import type { Gauge } from 'prom-client';
import { DriftRepository, type StoredDriftReport } from '../drift/drift.repository';
import { summarise } from '../grading/grade-date.usecase';
import { GradingRepository } from '../grading/grading.repository';
import { addDays, startOfDate } from '../shared/dates';
import {
  driftDetected,
  driftFeaturesDrifted,
  driftKsMax,
  driftLastRun,
  driftMaeRatio,
  driftPredictionPsi,
  driftPsiMax,
  gradedBrier,
  gradedEce,
  gradedHitRate,
  gradedMae,
  gradedPredictions,
  gradedRoi,
  lastGradedDate,
} from './grading-metrics';

/** Days of the rolling window behind the `propcast_graded_*` gauges: the latest graded date and the 13 before it. */
export const ROLLING_WINDOW_DAYS = 14;

type Setting = [Gauge<string>, Record<string, string>, number];

/**
 * Sets the grading and drift gauges from the database, whichever process graded or evaluated drift (the service,
 * or a CLI CronJob whose own metrics are never scraped): rolling graded performance per stat and model version,
 * and the latest drift report of each stat. Gauges are replaced at once, so removed models drop out.
 */
export class RefreshGradingMetricsUseCase {
  private readonly grades: GradingRepository;
  private readonly drift: DriftRepository;

  constructor(private readonly pool: Pool) {
    this.grades = new GradingRepository(pool);
    this.drift = new DriftRepository(pool);
  }

  /** Reads the current state and replaces every grading and drift gauge. */
  async execute(): Promise<void> {
    const settings: Setting[] = [];
    const latest = (await this.pool.query<{ d: string | null }>('SELECT max(game_date) AS d FROM grade_summaries')).rows[0].d;
    if (latest !== null) {
      settings.push([lastGradedDate, {}, startOfDate(latest).getTime() / 1000]);
      const rows = await this.grades.gradedRows({ from: addDays(latest, 1 - ROLLING_WINDOW_DAYS), to: latest });
      for (const s of summarise(rows)) {
        const labels = { stat: s.stat, model_version: String(s.modelVersion) };
        settings.push([gradedPredictions, labels, Math.round(s.n * (s.coverage ?? 0))]);
        for (const [gauge, value] of [
          [gradedMae, s.mae],
          [gradedHitRate, s.hitRate],
          [gradedRoi, s.roi],
          [gradedBrier, s.brier],
          [gradedEce, s.ece],
        ] as const) {
          if (value !== null) settings.push([gauge, labels, value]);
        }
      }
    }
    for (const report of await this.drift.latestPerStat()) settings.push(...driftSettings(report));
    for (const gauge of GAUGES) gauge.reset();
    for (const [gauge, labels, value] of settings) gauge.set(labels, value);
  }
}

const GAUGES: readonly Gauge<string>[] = [
  lastGradedDate,
  gradedPredictions,
  gradedMae,
  gradedHitRate,
  gradedRoi,
  gradedBrier,
  gradedEce,
  driftPsiMax,
  driftKsMax,
  driftFeaturesDrifted,
  driftPredictionPsi,
  driftMaeRatio,
  driftDetected,
  driftLastRun,
];

/** Gauge values of a stored drift report (its JSON sections as EvaluateDriftUseCase writes them). */
function driftSettings(report: StoredDriftReport): Setting[] {
  const labels = { stat: report.stat };
  const features = report.featureDrift as { features?: { ks: number }[]; drifted?: string[] };
  const predictions = report.predictionDrift as { psi?: number; drifted?: boolean } | null;
  const performance = report.performance as { drifted?: boolean } | null;
  const drifted = (features.drifted?.length ?? 0) > 0 || predictions?.drifted === true || performance?.drifted === true;
  const out: Setting[] = [
    [driftPsiMax, labels, report.maxPsi],
    [driftKsMax, labels, Math.max(0, ...(features.features ?? []).map((f) => f.ks))],
    [driftFeaturesDrifted, labels, features.drifted?.length ?? 0],
    [driftDetected, labels, drifted ? 1 : 0],
    [driftLastRun, labels, report.createdAt.getTime() / 1000],
  ];
  if (predictions?.psi !== undefined) out.push([driftPredictionPsi, labels, predictions.psi]);
  if (report.maeRatio !== null) out.push([driftMaeRatio, labels, report.maeRatio]);
  return out;
}
