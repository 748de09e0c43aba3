import { z } from 'zod';
import { envVar, type ConfigOf } from '@propcast/config';
import { DEFAULT_DRIFT_OPTIONS, type DriftOptions } from '../drift/evaluate-drift.usecase';

/** Cron expressions of @nestjs/schedule (5 or 6 fields) or `off`. */
const cronOrOff = z.string().regex(/^(off|(\S+\s+){4,5}\S+)$/, 'must be a cron expression (5 or 6 fields) or "off"');

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Environment of grading and drift detection, shared by the trainer service and the CLI. */
export const GradingEnv = {
  DRIFT_CRON: envVar(cronOrOff, 'when the trainer evaluates drift of the production models (cron, UTC), or off', { default: '0 6 * * 1' }),
  DRIFT_WINDOW_DAYS: envVar(z.coerce.number().int().min(1), 'days of recent data drift detection compares with the training reference', {
    default: String(DEFAULT_DRIFT_OPTIONS.windowDays),
  }),
  DRIFT_PSI_THRESHOLD: envVar(z.coerce.number().positive(), 'PSI above which a feature (or the predictions) counts as drifted and a retrain is requested', {
    default: String(DEFAULT_DRIFT_OPTIONS.psiThreshold),
  }),
  DRIFT_MAE_TOLERANCE: envVar(z.coerce.number().min(0), 'a retrain is requested when rolling graded MAE exceeds test MAE by more than this share', {
    default: String(DEFAULT_DRIFT_OPTIONS.maeTolerance),
  }),
  PROMOTION_MIN_PROPS: envVar(z.coerce.number().int().min(2), 'fewest graded real-priced props (player-games) a challenger must be compared with production on before it can be proposed for promotion', {
    default: '500',
  }),
  PROMOTION_ALPHA: envVar(z.coerce.number().gt(0).lt(0.5), 'significance level of the one-sided test that a challenger beats production by Brier on real prices', { default: '0.05' }),
  PROMOTION_AUTO: envVar(bool, 'promote a proposed challenger automatically through the registry (false: only propose: record, log, metric)', { default: 'false' }),
  PROMOTION_WINDOW_DAYS: envVar(z.coerce.number().int().min(1).max(3650), 'game days back from the graded date that challengers are judged on after each grading', { default: '90' }),
};

export type GradingConfig = ConfigOf<typeof GradingEnv>;

/** Promotion-by-evidence settings from validated PROMOTION_* variables. */
export function promotionSettings(config: GradingConfig): { minProps: number; alpha: number; autoPromote: boolean; windowDays: number } {
  return { minProps: config.PROMOTION_MIN_PROPS, alpha: config.PROMOTION_ALPHA, autoPromote: config.PROMOTION_AUTO, windowDays: config.PROMOTION_WINDOW_DAYS };
}

/** Drift options from validated DRIFT_* variables. */
export function driftOptions(config: GradingConfig): Partial<DriftOptions> {
  return { windowDays: config.DRIFT_WINDOW_DAYS, psiThreshold: config.DRIFT_PSI_THRESHOLD, maeTolerance: config.DRIFT_MAE_TOLERANCE };
}
