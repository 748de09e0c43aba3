import { MINUTES_TARGET } from '@propcast/contracts';
import { InsufficientDataError, ProbabilityModel, type ProbabilityFitRow } from '@propcast/prediction';
import type { StatDataset } from '../dataset/dataset.types';
import { DatasetTooSmallError } from '../errors';
import { selectLines } from './line-selection';

/** Residual bucketing of the probability model (see libs/prediction ResidualModel). */
export interface ProbabilityFitOptions {
  minRowsPerBucket?: number;
  maxBuckets?: number;
  crossFitFolds?: number;
}

/**
 * Fits the probability model (residual distribution by predicted-mean bucket + isotonic calibration) on the
 * validation split's predictions, graded against each row's real line or, failing that, its proxy line.
 */
export function fitProbabilityModel(validation: StatDataset, predicted: Float32Array, options: ProbabilityFitOptions = {}): ProbabilityModel {
  const lines = selectLines(validation);
  const rows: ProbabilityFitRow[] = [];
  // Counts are whole; minutes (the minutes model) are graded in whole minutes.
  const whole = validation.stat === MINUTES_TARGET ? Math.round : (v: number) => v;
  for (let i = 0; i < validation.size; i++) {
    if (lines.source[i] !== null) rows.push({ predicted: predicted[i], actual: whole(validation.target[i]), line: lines.line[i] });
  }
  try {
    return ProbabilityModel.fit(rows, {
      residual: { minRowsPerBucket: options.minRowsPerBucket ?? 200, maxBuckets: options.maxBuckets ?? 10 },
      crossFitFolds: options.crossFitFolds ?? 5,
    });
  } catch (err) {
    if (err instanceof InsufficientDataError) {
      throw new DatasetTooSmallError(validation.stat, rows.length, `the probability model could not be fitted on validation rows: ${err.message}`);
    }
    throw err;
  }
}
