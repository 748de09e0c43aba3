import { z } from 'zod';
import { envVar, type ConfigOf } from '@propcast/config';
import { DEFAULT_DRIFT_OPTIONS, type DriftOptions } from '../drift/evaluate-drift.usecase';

/** Cron expressions of @nestjs/schedule (5 or 6 fields) or `off`. */
const cronOrOff = z.string().regex(/^(off|(\S+\s+){4,5}\S+)$/, 'must be a cron expression (5 or 6 fields) or "off"');

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
};

export type GradingConfig = ConfigOf<typeof GradingEnv>;

/** Drift options from validated DRIFT_* variables. */
export function driftOptions(config: GradingConfig): Partial<DriftOptions> {
  return { windowDays: config.DRIFT_WINDOW_DAYS, psiThreshold: config.DRIFT_PSI_THRESHOLD, maeTolerance: config.DRIFT_MAE_TOLERANCE };
}
