import type { StatDataset } from '../dataset/dataset.types';

/** Training-split distribution of one feature, the reference drift checks compare serving data with. */
export interface FeatureDistribution {
  name: string;
  /** Rows with a value (not NaN). */
  count: number;
  nanShare: number;
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
  /** Deciles q10..q90 of the non-missing values: 9 cut points making 10 bins. */
  cutPoints: number[];
  /** Share of non-missing values per bin: bin 0 is v < cutPoints[0], bin k is cutPoints[k-1] <= v < cutPoints[k], bin 9 is v >= cutPoints[8]. */
  proportions: number[];
}

const DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** Per-feature distribution summary (mean, std, NaN share, decile bins and their proportions) of a dataset. */
export function summarizeFeatures(ds: Pick<StatDataset, 'featureNames' | 'features' | 'size'>): FeatureDistribution[] {
  const ncol = ds.featureNames.length;
  const column = new Float32Array(ds.size);
  return ds.featureNames.map((name, j) => {
    let count = 0;
    for (let i = 0; i < ds.size; i++) {
      const v = ds.features[i * ncol + j];
      if (!Number.isNaN(v)) column[count++] = v;
    }
    return summarizeColumn(name, column.subarray(0, count), ds.size);
  });
}

/** The same summary for any list of values (e.g. a model's validation predictions, for prediction drift). */
export function summarizeValues(name: string, values: ArrayLike<number>): FeatureDistribution {
  const present = Float32Array.from(values).filter((v) => !Number.isNaN(v));
  return summarizeColumn(name, present, values.length);
}

function summarizeColumn(name: string, values: Float32Array, rows: number): FeatureDistribution {
  const count = values.length;
  const nanShare = rows > 0 ? (rows - count) / rows : 0;
  if (count === 0) return { name, count, nanShare, mean: null, std: null, min: null, max: null, cutPoints: [], proportions: [] };
  values.sort();
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / count;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const cutPoints = DECILES.map((q) => values[Math.min(count - 1, Math.floor(q * count))]);
  const proportions = new Array<number>(cutPoints.length + 1).fill(0);
  // values are sorted: count each bin by walking the cut points.
  let bin = 0;
  for (const v of values) {
    while (bin < cutPoints.length && v >= cutPoints[bin]) bin++;
    proportions[bin]++;
  }
  return {
    name,
    count,
    nanShare,
    mean,
    std: count > 1 ? Math.sqrt(squares / (count - 1)) : 0,
    min: values[0],
    max: values[count - 1],
    cutPoints,
    proportions: proportions.map((c) => c / count),
  };
}
