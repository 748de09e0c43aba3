// Shapes metadata.json records that training produces (its date windows, objectives, feature distributions).
// They live here so the registry and model metadata do not depend on @propcast/training.

/** Inclusive calendar window, `YYYY-MM-DD`. */
export interface DateWindow {
  from: string;
  to: string;
}

/** Objectives the trainer chooses between on validation MAE. */
export const TRAINING_OBJECTIVES = ['reg:squarederror', 'reg:absoluteerror', 'count:poisson', 'reg:pseudohubererror'] as const;
export type TrainingObjective = (typeof TRAINING_OBJECTIVES)[number];

/** Training-split distribution of one feature, the reference drift checks compare serving data with. */
export interface FeatureDistribution {
  name: string;
  /** Rows with a value (not NaN) among the rows summarised. */
  count: number;
  nanShare: number;
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
  /** Deciles q10..q90 of the non-missing values (of an evenly spaced sample of 20,000 when there are more): 9 cut points making 10 bins. */
  cutPoints: number[];
  /** Share of non-missing values per bin: bin 0 is v < cutPoints[0], bin k is cutPoints[k-1] <= v < cutPoints[k], bin 9 is v >= cutPoints[8]. */
  proportions: number[];
}
