import { GameDate } from '@propcast/common';
import type { Gauge } from 'prom-client';
import type { DriftRepository, StoredDriftReport } from '../drift/drift.repository';
import { summarise } from '../grading/grade-date.usecase';
import type { GradingRepository } from '../grading/grading.repository';
import { gradingMetrics, type GradingMetrics } from './grading-metrics';

/** Days of the rolling window behind the `propcast_graded_*` gauges: the latest graded date and the 13 before it. */
export const ROLLING_WINDOW_DAYS = 14;

/** What the refresh reads: graded rows of the rolling window and the latest drift report per stat. */
export interface GradingMetricsRepositories {
  grades: Pick<GradingRepository, 'latestGradedDate' | 'gradedRows'>;
  drift: Pick<DriftRepository, 'latestPerStat'>;
}

type Setting = [Gauge<string>, Record<string, string>, number];

/**
 * Sets the grading and drift gauges from the database, whichever process graded or evaluated drift (the service,
 * or a CLI CronJob whose own metrics are never scraped): rolling graded performance per stat and model version,
 * and the latest drift report of each stat. Gauges are replaced at once, so removed models drop out.
 */
export class RefreshGradingMetricsUseCase {
  constructor(private readonly repositories: GradingMetricsRepositories) {}

  /** Reads the current state and replaces every grading and drift gauge. */
  async execute(): Promise<void> {
    const m = gradingMetrics();
    const settings: Setting[] = [];
    const { grades, drift } = this.repositories;
    const latest = await grades.latestGradedDate();
    if (latest !== null) {
      settings.push([m.lastGradedDate, {}, GameDate.startOf(latest).getTime() / 1000]);
      const rows = await grades.gradedRows({ from: GameDate.addDays(latest, 1 - ROLLING_WINDOW_DAYS), to: latest });
      for (const s of summarise(rows)) {
        const labels = { stat: s.stat, model_version: String(s.modelVersion) };
        settings.push([m.gradedPredictions, labels, Math.round(s.n * (s.coverage ?? 0))]);
        settings.push([m.gradedRealProps, labels, s.realProps]);
        for (const [gauge, value] of [
          [m.gradedMae, s.mae],
          [m.gradedHitRate, s.hitRate],
          [m.gradedRoi, s.roi],
          [m.gradedBrier, s.brier],
          [m.gradedEce, s.ece],
          [m.gradedBrierReal, s.brierReal],
          [m.gradedMarketBrier, s.marketBrier],
        ] as const) {
          if (value !== null) settings.push([gauge, labels, value]);
        }
      }
    }
    for (const report of await drift.latestPerStat()) settings.push(...driftSettings(m, report));
    for (const gauge of refreshedGauges(m)) gauge.reset();
    for (const [gauge, labels, value] of settings) gauge.set(labels, value);
  }
}

/** The gauges this use case owns (the counters count events where they happen). */
function refreshedGauges(m: GradingMetrics): Gauge<string>[] {
  return [
    m.lastGradedDate,
    m.gradedPredictions,
    m.gradedMae,
    m.gradedHitRate,
    m.gradedRoi,
    m.gradedBrier,
    m.gradedEce,
    m.gradedRealProps,
    m.gradedBrierReal,
    m.gradedMarketBrier,
    m.driftPsiMax,
    m.driftKsMax,
    m.driftFeaturesDrifted,
    m.driftPredictionPsi,
    m.driftMaeRatio,
    m.driftDetected,
    m.driftLastRun,
  ];
}

/** Gauge values of a stored drift report (its JSON sections as EvaluateDriftUseCase writes them). */
function driftSettings(m: GradingMetrics, report: StoredDriftReport): Setting[] {
  const labels = { stat: report.stat };
  const features = report.featureDrift as { features?: { name: string; ks: number }[]; drifted?: string[]; ignored?: string[] };
  const counted = (features.features ?? []).filter((f) => !(features.ignored ?? []).includes(f.name));
  const predictions = report.predictionDrift as { psi?: number; drifted?: boolean } | null;
  const performance = report.performance as { drifted?: boolean } | null;
  const drifted = (features.drifted?.length ?? 0) > 0 || predictions?.drifted === true || performance?.drifted === true;
  const out: Setting[] = [
    [m.driftPsiMax, labels, report.maxPsi],
    [m.driftKsMax, labels, Math.max(0, ...counted.map((f) => f.ks))],
    [m.driftFeaturesDrifted, labels, features.drifted?.length ?? 0],
    [m.driftDetected, labels, drifted ? 1 : 0],
    [m.driftLastRun, labels, report.createdAt.getTime() / 1000],
  ];
  if (predictions?.psi !== undefined) out.push([m.driftPredictionPsi, labels, predictions.psi]);
  if (report.maeRatio !== null) out.push([m.driftMaeRatio, labels, report.maeRatio]);
  return out;
}
