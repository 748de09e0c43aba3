import type { FeatureDistribution } from '@propcast/model-registry';
import type { StatDataset } from '../dataset/dataset.types';

// The distribution shape is part of metadata.json (@propcast/model-registry).
export type { FeatureDistribution };

const DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** Rows summarised at most: an evenly spaced sample of larger datasets (shares and moments to about 0.5%). */
const MAX_ROWS = 50_000;

/**
 * Per-feature distribution summary (mean, std, NaN share, decile bins and their proportions) of a dataset,
 * over an evenly spaced sample of at most 50,000 rows.
 */
export function summarizeFeatures(ds: Pick<StatDataset, 'featureNames' | 'features' | 'size'>): FeatureDistribution[] {
  const ncol = ds.featureNames.length;
  const step = Math.max(1, Math.ceil(ds.size / MAX_ROWS));
  const rows = Math.ceil(ds.size / step);
  // One sequential pass builds column-major copies of the non-missing values (strided reads per feature are slow).
  const counts = new Int32Array(ncol);
  const columns = new Float32Array(rows * ncol);
  for (let i = 0; i < ds.size; i += step) {
    const row = i * ncol;
    for (let j = 0; j < ncol; j++) {
      const v = ds.features[row + j];
      if (v === v) columns[j * rows + counts[j]++] = v;
    }
  }
  return ds.featureNames.map((name, j) => summarizeColumn(name, columns.subarray(j * rows, j * rows + counts[j]), rows));
}

/** The same summary for any list of values (e.g. a model's validation predictions, for prediction drift). */
export function summarizeValues(name: string, values: ArrayLike<number>): FeatureDistribution {
  const present = Float32Array.from(values).filter((v) => !Number.isNaN(v));
  return summarizeColumn(name, present, values.length);
}

/** Above this many values, cut points come from an evenly spaced sample of this size (proportions stay exact). */
const QUANTILE_SAMPLE = 20_000;

function summarizeColumn(name: string, values: Float32Array, rows: number): FeatureDistribution {
  const count = values.length;
  const nanShare = rows > 0 ? (rows - count) / rows : 0;
  if (count === 0) return { name, count, nanShare, mean: null, std: null, min: null, max: null, cutPoints: [], proportions: [] };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += (values[i] - mean) ** 2;
  const step = Math.max(1, Math.floor(count / QUANTILE_SAMPLE));
  const sample = new Float32Array(Math.floor(count / step));
  for (let i = 0; i < sample.length; i++) sample[i] = values[i * step];
  sample.sort();
  const cutPoints = DECILES.map((q) => sample[Math.min(sample.length - 1, Math.floor(q * sample.length))]);
  const proportions = new Array<number>(cutPoints.length + 1).fill(0);
  for (let i = 0; i < count; i++) proportions[binOf(values[i], cutPoints)]++;
  return {
    name,
    count,
    nanShare,
    mean,
    std: count > 1 ? Math.sqrt(squares / (count - 1)) : 0,
    min,
    max,
    cutPoints,
    proportions: proportions.map((c) => c / count),
  };
}

/** Number of cut points <= v (binary search): the bin of v. */
function binOf(v: number, cutPoints: readonly number[]): number {
  let lo = 0;
  let hi = cutPoints.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v >= cutPoints[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
