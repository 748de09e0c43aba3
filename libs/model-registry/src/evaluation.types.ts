import type { ReliabilityBin } from '@propcast/prediction';

/** Point-prediction accuracy on a set of rows (null when there are no rows). */
export interface RegressionMetrics {
  n: number;
  mae: number | null;
  rmse: number | null;
  /** mean(predicted - actual): positive = over-prediction. */
  bias: number | null;
  /** Share of rows with |error| <= 3. */
  within3: number | null;
  /** Share of rows with |error| <= 5. */
  within5: number | null;
}

/** Regression metrics of the rows whose minutes played fall in one bucket. */
export interface MinutesBucketMetrics extends RegressionMetrics {
  /** e.g. `<10`, `10-20`, `20-30`, `30+` (minutes actually played). */
  bucket: string;
}

/** A baseline predictor read from a feature column, with how many rows needed the fallback value. */
export interface BaselineMetrics extends RegressionMetrics {
  feature: string;
  fallbackRows: number;
}

/** The three baselines on the same rows as the model. */
export interface BaselineSet {
  seasonAvg: BaselineMetrics;
  last10: BaselineMetrics;
  ema: BaselineMetrics;
  /** Used where a baseline feature is NaN (no earlier game): the training split's mean of the target. */
  fallbackValue: number;
}

/** Over/under quality of the calibrated over-probability against one kind of line. */
export interface OverUnderMetrics {
  /** `real`: latest prop line before the cutoff; `proxy`: floor(season average before the game) + 0.5 (not a market line). */
  lineSource: 'real' | 'proxy';
  /** Rows graded (pushes excluded). */
  n: number;
  pushes: number;
  /** Share of correct sides when picking over if P(over | no push) > 0.5, under if < 0.5. */
  hitRate: number | null;
  brier: number | null;
  /** Expected calibration error over 10 equal-width bins. */
  ece: number | null;
  logLoss: number | null;
  reliability: ReliabilityBin[];
}

/** Everything measured on one split (or date range) for one model. */
export interface Evaluation {
  rows: number;
  model: RegressionMetrics;
  byMinutes: MinutesBucketMetrics[];
  baselines: BaselineSet;
  overUnder: { real: OverUnderMetrics | null; proxy: OverUnderMetrics | null };
}
