import type { StatDataset } from '../dataset/dataset.types';
import { selectRows } from '../dataset/stat-dataset';
import { dateBlockFolds } from '@propcast/common';

/** Fits a minutes model on some rows and predicts others (a real XGBoost fit in production: {@link XgboostMinutesFitter}). */
export interface MinutesFitter {
  fitPredict(fit: StatDataset, predict: StatDataset): Promise<Float32Array>;
}

/** One fold of an out-of-fold projection: the dates it predicted and how many rows its model was fitted on. */
export interface ProjectionFold {
  from: string;
  to: string;
  predictedRows: number;
  fittedRows: number;
}

/** Out-of-fold minutes projection of every row of a dataset. */
export interface OutOfFoldProjection {
  /** One projection per dataset row, in row order. */
  values: Float32Array;
  folds: ProjectionFold[];
}

/**
 * Out-of-fold projection: the rows are cut into `folds` contiguous blocks of whole game dates, and each block is
 * predicted by a model fitted on the other blocks only. No row's projection comes from a model that saw any game of
 * that row's dates, so a stat model trained on these projections sees them as noisy as they are on new games.
 */
export async function outOfFoldProjection(minutes: StatDataset, folds: number, fitter: MinutesFitter, onFold?: (done: number, total: number) => void): Promise<OutOfFoldProjection> {
  const blockFolds = dateBlockFolds(minutes.gameDates, folds);
  const values = new Float32Array(minutes.size).fill(Number.NaN);
  const records: ProjectionFold[] = [];
  for (let b = 0; b < blockFolds.length; b++) {
    const { held, fitRows } = blockFolds[b];
    const predicted = await fitter.fitPredict(selectRows(minutes, fitRows), selectRows(minutes, held.rows));
    held.rows.forEach((row, k) => (values[row] = predicted[k]));
    records.push({ from: held.from, to: held.to, predictedRows: held.rows.length, fittedRows: fitRows.length });
    onFold?.(b + 1, blockFolds.length);
  }
  return { values, folds: records };
}
