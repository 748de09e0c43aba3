import type { Counter, Gauge, Histogram } from 'prom-client';
import { counter, gauge, histogram } from '@propcast/observability';

const ROLLING = 'over the graded dates of the last 14 days';

/** Every Prometheus metric of grading and drift detection. */
export interface GradingMetrics {
  /** `propcast_grades_total{stat,result}`: grade rows written for the first time (regrades are not counted again). */
  gradesTotal: Counter<string>;
  /** `propcast_grading_runs_total{outcome}`: grading runs of a date, outcome ok or error. */
  gradingRuns: Counter<string>;
  /** `propcast_grading_duration_seconds`: wall time of one date's grading run. */
  gradingDuration: Histogram<string>;
  /** `propcast_grading_last_graded_date_timestamp_seconds`: the latest game date with graded predictions (midnight UTC, unix seconds). */
  lastGradedDate: Gauge<string>;
  /** `propcast_graded_mae{stat,model_version}`: rolling MAE of graded predictions. */
  gradedMae: Gauge<string>;
  /** `propcast_graded_hit_rate{stat,model_version}`: rolling wins / (wins + losses) of recommended bets. */
  gradedHitRate: Gauge<string>;
  /** `propcast_graded_roi{stat,model_version}`: rolling profit per unit staked on recommended bets. */
  gradedRoi: Gauge<string>;
  /** `propcast_graded_brier{stat,model_version}`: rolling Brier score of the over-probability on real lines. */
  gradedBrier: Gauge<string>;
  /** `propcast_graded_ece{stat,model_version}`: rolling expected calibration error of the over-probability. */
  gradedEce: Gauge<string>;
  /** `propcast_graded_predictions{stat,model_version}`: graded player-games behind the rolling numbers. */
  gradedPredictions: Gauge<string>;
  /** `propcast_graded_real_props{stat,model_version}`: props priced at a real book's odds that ended over or under. */
  gradedRealProps: Gauge<string>;
  /** `propcast_graded_brier_real{stat,model_version}`: the model's Brier score on those props. */
  gradedBrierReal: Gauge<string>;
  /** `propcast_graded_market_brier{stat,model_version}`: the vig-free market's Brier score on the same props. */
  gradedMarketBrier: Gauge<string>;
  /** `propcast_drift_runs_total{outcome}`: drift evaluations of a model, outcome ok, drift or error. */
  driftRuns: Counter<string>;
  /** `propcast_drift_psi_max{stat}`: largest per-feature PSI of the last drift run. */
  driftPsiMax: Gauge<string>;
  /** `propcast_drift_ks_max{stat}`: largest per-feature KS statistic of the last drift run. */
  driftKsMax: Gauge<string>;
  /** `propcast_drift_features_drifted{stat}`: features past the PSI threshold in the last drift run. */
  driftFeaturesDrifted: Gauge<string>;
  /** `propcast_drift_prediction_psi{stat}`: PSI of recent predicted means vs the reference predictions. */
  driftPredictionPsi: Gauge<string>;
  /** `propcast_drift_mae_ratio{stat}`: rolling graded MAE / the model's test MAE. */
  driftMaeRatio: Gauge<string>;
  /** `propcast_drift_detected{stat}`: 1 when the last drift run crossed a threshold, else 0. */
  driftDetected: Gauge<string>;
  /** `propcast_drift_last_run_timestamp_seconds{stat}`: when drift was last evaluated. */
  driftLastRun: Gauge<string>;
  /** `propcast_drift_retrain_requested_total{stat}`: retrain.requested events published by drift detection. */
  driftRetrainRequested: Counter<string>;
  /** `propcast_promotion_proposals_total{stat,outcome}`: challengers proposed for promotion by evidence on real prices, outcome proposed or promoted. */
  promotionProposals: Counter<string>;
}

let metrics: GradingMetrics | null = null;

/**
 * Registers (once) and returns grading's metrics. Registration is explicit, not an import side effect, so only
 * processes that grade or evaluate drift (the trainer's GradingModule, the CLI) export them.
 */
export function gradingMetrics(): GradingMetrics {
  metrics ??= {
    gradesTotal: counter('propcast_grades_total', 'Predictions graded for the first time, by stat and bet result', ['stat', 'result']),
    gradingRuns: counter('propcast_grading_runs_total', 'Grading runs of a game date, by outcome', ['outcome']),
    gradingDuration: histogram('propcast_grading_duration_seconds', 'Time to grade one game date', [], [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]),
    lastGradedDate: gauge('propcast_grading_last_graded_date_timestamp_seconds', 'Latest game date graded, as unix seconds of its midnight UTC'),
    gradedMae: gauge('propcast_graded_mae', `MAE of graded predictions ${ROLLING}`, ['stat', 'model_version']),
    gradedHitRate: gauge('propcast_graded_hit_rate', `Hit rate of recommended bets ${ROLLING}`, ['stat', 'model_version']),
    gradedRoi: gauge('propcast_graded_roi', `ROI of recommended bets at recorded prices ${ROLLING}`, ['stat', 'model_version']),
    gradedBrier: gauge('propcast_graded_brier', `Brier score of over-probabilities ${ROLLING}`, ['stat', 'model_version']),
    gradedEce: gauge('propcast_graded_ece', `Expected calibration error of over-probabilities ${ROLLING}`, ['stat', 'model_version']),
    gradedPredictions: gauge('propcast_graded_predictions', `Graded player-games ${ROLLING}`, ['stat', 'model_version']),
    gradedRealProps: gauge('propcast_graded_real_props', `Props priced at a real book's odds that ended over or under ${ROLLING}`, ['stat', 'model_version']),
    gradedBrierReal: gauge('propcast_graded_brier_real', `Brier score of the model's over-probability on real-priced props ${ROLLING}`, ['stat', 'model_version']),
    gradedMarketBrier: gauge('propcast_graded_market_brier', `Brier score of the vig-free market over-probability on the same props ${ROLLING}`, ['stat', 'model_version']),
    driftRuns: counter('propcast_drift_runs_total', 'Drift evaluations, by outcome (ok, drift, error)', ['outcome']),
    driftPsiMax: gauge('propcast_drift_psi_max', 'Largest per-feature population stability index of the last drift run', ['stat']),
    driftKsMax: gauge('propcast_drift_ks_max', 'Largest per-feature Kolmogorov-Smirnov statistic of the last drift run', ['stat']),
    driftFeaturesDrifted: gauge('propcast_drift_features_drifted', 'Features whose PSI exceeded the threshold in the last drift run', ['stat']),
    driftPredictionPsi: gauge('propcast_drift_prediction_psi', 'PSI of recent predicted means against the reference predictions', ['stat']),
    driftMaeRatio: gauge('propcast_drift_mae_ratio', 'Rolling graded MAE divided by the model test MAE', ['stat']),
    driftDetected: gauge('propcast_drift_detected', 'Whether the last drift run crossed a threshold (1) or not (0)', ['stat']),
    driftLastRun: gauge('propcast_drift_last_run_timestamp_seconds', 'Unix time of the last drift evaluation', ['stat']),
    driftRetrainRequested: counter('propcast_drift_retrain_requested_total', 'retrain.requested events published because of drift', ['stat']),
    promotionProposals: counter('propcast_promotion_proposals_total', 'Challengers proposed for promotion by evidence on real prices (outcome proposed or promoted)', ['stat', 'outcome']),
  };
  return metrics;
}
