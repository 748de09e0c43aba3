import { z } from 'zod';
import { envVar, type ConfigOf } from '@propcast/config';

/** Cron expressions of @nestjs/schedule (5 or 6 fields) or `off`. */
const cronOrOff = z.string().regex(/^(off|(\S+\s+){4,5}\S+)$/, 'must be a cron expression (5 or 6 fields) or "off"');

/** When a production model counts as drifted (grading measures drift against these; training retrains on them). */
export interface DriftThresholdSettings {
  /** Days of recent data, ending at `asOf`. */
  windowDays: number;
  /** A feature (or the predictions) drifted when its PSI exceeds this ("major shift"). */
  psiThreshold: number;
  /** Performance drifted when rolling graded MAE > test MAE * (1 + this). */
  maeTolerance: number;
}

export const DEFAULT_DRIFT_THRESHOLDS: Readonly<DriftThresholdSettings> = Object.freeze({ windowDays: 14, psiThreshold: 0.25, maeTolerance: 0.05 });

/**
 * DRIFT_* variables, read by grading (the drift job) and training (the weekly hook): they live beside the registry,
 * a library both use, so training does not import grading's environment.
 */
export const DriftEnv = {
  DRIFT_CRON: envVar(cronOrOff, 'when the trainer evaluates drift of the production models (cron, UTC), or off', { default: '0 6 * * 1' }),
  DRIFT_WINDOW_DAYS: envVar(z.coerce.number().int().min(1), 'days of recent data drift detection compares with the training reference', {
    default: String(DEFAULT_DRIFT_THRESHOLDS.windowDays),
  }),
  DRIFT_PSI_THRESHOLD: envVar(z.coerce.number().positive(), 'PSI above which a feature (or the predictions) counts as drifted and a retrain is requested', {
    default: String(DEFAULT_DRIFT_THRESHOLDS.psiThreshold),
  }),
  DRIFT_MAE_TOLERANCE: envVar(z.coerce.number().min(0), 'a retrain is requested when rolling graded MAE exceeds test MAE by more than this share', {
    default: String(DEFAULT_DRIFT_THRESHOLDS.maeTolerance),
  }),
};

export type DriftConfig = ConfigOf<typeof DriftEnv>;

/** Drift thresholds from validated DRIFT_* variables. */
export function driftThresholds(config: Pick<DriftConfig, 'DRIFT_WINDOW_DAYS' | 'DRIFT_PSI_THRESHOLD' | 'DRIFT_MAE_TOLERANCE'>): DriftThresholdSettings {
  return { windowDays: config.DRIFT_WINDOW_DAYS, psiThreshold: config.DRIFT_PSI_THRESHOLD, maeTolerance: config.DRIFT_MAE_TOLERANCE };
}
