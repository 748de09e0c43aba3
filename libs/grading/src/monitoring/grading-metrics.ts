import { counter, gauge, histogram } from '@propcast/observability';

/** `propcast_grades_total{stat,result}`: grade rows written for the first time (regrades are not counted again). */
export const gradesTotal = counter('propcast_grades_total', 'Predictions graded for the first time, by stat and bet result', ['stat', 'result']);

/** `propcast_grading_runs_total{outcome}`: grading runs of a date, outcome ok or error. */
export const gradingRuns = counter('propcast_grading_runs_total', 'Grading runs of a game date, by outcome', ['outcome']);

/** `propcast_grading_duration_seconds`: wall time of one date's grading run. */
export const gradingDuration = histogram('propcast_grading_duration_seconds', 'Time to grade one game date', [], [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]);

/** `propcast_grading_last_graded_date_timestamp_seconds`: the latest game date with graded predictions (midnight UTC, unix seconds). */
export const lastGradedDate = gauge('propcast_grading_last_graded_date_timestamp_seconds', 'Latest game date graded, as unix seconds of its midnight UTC');

const ROLLING = 'over the graded dates of the last 14 days';

/** `propcast_graded_mae{stat,model_version}`: rolling MAE of graded predictions. */
export const gradedMae = gauge('propcast_graded_mae', `MAE of graded predictions ${ROLLING}`, ['stat', 'model_version']);

/** `propcast_graded_hit_rate{stat,model_version}`: rolling wins / (wins + losses) of recommended bets. */
export const gradedHitRate = gauge('propcast_graded_hit_rate', `Hit rate of recommended bets ${ROLLING}`, ['stat', 'model_version']);

/** `propcast_graded_roi{stat,model_version}`: rolling profit per unit staked on recommended bets. */
export const gradedRoi = gauge('propcast_graded_roi', `ROI of recommended bets at recorded prices ${ROLLING}`, ['stat', 'model_version']);

/** `propcast_graded_brier{stat,model_version}`: rolling Brier score of the over-probability on real lines. */
export const gradedBrier = gauge('propcast_graded_brier', `Brier score of over-probabilities ${ROLLING}`, ['stat', 'model_version']);

/** `propcast_graded_ece{stat,model_version}`: rolling expected calibration error of the over-probability. */
export const gradedEce = gauge('propcast_graded_ece', `Expected calibration error of over-probabilities ${ROLLING}`, ['stat', 'model_version']);

/** `propcast_graded_predictions{stat,model_version}`: graded player-games behind the rolling numbers. */
export const gradedPredictions = gauge('propcast_graded_predictions', `Graded player-games ${ROLLING}`, ['stat', 'model_version']);

/** `propcast_drift_runs_total{outcome}`: drift evaluations of a model, outcome ok, drift or error. */
export const driftRuns = counter('propcast_drift_runs_total', 'Drift evaluations, by outcome (ok, drift, error)', ['outcome']);

/** `propcast_drift_psi_max{stat}`: largest per-feature PSI of the last drift run. */
export const driftPsiMax = gauge('propcast_drift_psi_max', 'Largest per-feature population stability index of the last drift run', ['stat']);

/** `propcast_drift_ks_max{stat}`: largest per-feature KS statistic of the last drift run. */
export const driftKsMax = gauge('propcast_drift_ks_max', 'Largest per-feature Kolmogorov-Smirnov statistic of the last drift run', ['stat']);

/** `propcast_drift_features_drifted{stat}`: features past the PSI threshold in the last drift run. */
export const driftFeaturesDrifted = gauge('propcast_drift_features_drifted', 'Features whose PSI exceeded the threshold in the last drift run', ['stat']);

/** `propcast_drift_prediction_psi{stat}`: PSI of recent predicted means vs the reference predictions. */
export const driftPredictionPsi = gauge('propcast_drift_prediction_psi', 'PSI of recent predicted means against the reference predictions', ['stat']);

/** `propcast_drift_mae_ratio{stat}`: rolling graded MAE / the model's test MAE. */
export const driftMaeRatio = gauge('propcast_drift_mae_ratio', 'Rolling graded MAE divided by the model test MAE', ['stat']);

/** `propcast_drift_detected{stat}`: 1 when the last drift run crossed a threshold, else 0. */
export const driftDetected = gauge('propcast_drift_detected', 'Whether the last drift run crossed a threshold (1) or not (0)', ['stat']);

/** `propcast_drift_last_run_timestamp_seconds{stat}`: when drift was last evaluated. */
export const driftLastRun = gauge('propcast_drift_last_run_timestamp_seconds', 'Unix time of the last drift evaluation', ['stat']);

/** `propcast_drift_retrain_requested_total{stat}`: retrain.requested events published by drift detection. */
export const driftRetrainRequested = counter('propcast_drift_retrain_requested_total', 'retrain.requested events published because of drift', ['stat']);
