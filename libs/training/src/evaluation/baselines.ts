import type { StatDataset } from '../dataset/dataset.types';
import { featureColumn } from '../dataset/stat-dataset';
import { STAT_DEFINITIONS } from '../stats';
import type { BaselineMetrics, BaselineSet } from './evaluation.types';
import { regressionMetrics } from './regression-metrics';

/** The baselines every model is compared with, and the v1 feature suffix each one reads. */
export const BASELINES = Object.freeze({ seasonAvg: 'season_avg', last10: 'avg_last10', ema: 'ema' } as const);
export type BaselineName = keyof typeof BASELINES;

/** Feature column holding a baseline of the dataset's stat, e.g. `threes_avg_last10`. */
export function baselineFeature(ds: Pick<StatDataset, 'stat'>, baseline: BaselineName): string {
  return `${STAT_DEFINITIONS[ds.stat].featurePrefix}_${BASELINES[baseline]}`;
}

/** A baseline's predictions: its feature column, with `fallbackValue` where the feature is NaN (no earlier game). */
export function baselinePredictions(ds: StatDataset, baseline: BaselineName, fallbackValue: number): { predicted: Float32Array; fallbackRows: number } {
  const predicted = featureColumn(ds, baselineFeature(ds, baseline));
  let fallbackRows = 0;
  for (let i = 0; i < predicted.length; i++) {
    if (Number.isNaN(predicted[i])) {
      predicted[i] = fallbackValue;
      fallbackRows++;
    }
  }
  return { predicted, fallbackRows };
}

/** Season-to-date average, last-10 average and EMA scored on the dataset's rows. */
export function evaluateBaselines(ds: StatDataset, fallbackValue: number): BaselineSet {
  const one = (baseline: BaselineName): BaselineMetrics => {
    const { predicted, fallbackRows } = baselinePredictions(ds, baseline, fallbackValue);
    return { feature: baselineFeature(ds, baseline), fallbackRows, ...regressionMetrics(predicted, ds.target) };
  };
  return { seasonAvg: one('seasonAvg'), last10: one('last10'), ema: one('ema'), fallbackValue };
}

/** The mean of a dataset's target (the baseline fallback value, taken from the training split). */
export function targetMean(ds: Pick<StatDataset, 'target' | 'size'>): number {
  let sum = 0;
  for (let i = 0; i < ds.size; i++) sum += ds.target[i];
  return ds.size > 0 ? sum / ds.size : 0;
}
