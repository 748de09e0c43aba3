import { z } from 'zod';
import { InsufficientDataError, InvalidInputError, ModelStateError } from '../errors';
import { assertFinite, assertProbability } from '../validation';
import { type OverUnder, overUnderFromSurvival } from './line-probabilities';
import { DEFAULT_PROBABILITY_GRID, gridCdf, gridQuantile, sampleQuantiles } from './quantile-grid';

/** One validation row: the model's predicted mean and the realised (integer, non-negative) stat. */
export interface ResidualFitRow {
  predicted: number;
  actual: number;
}

/** Bucketing and storage options of {@link ResidualModel.fit}. */
export interface ResidualModelOptions {
  /** Upper bound on the number of predicted-mean buckets (default 10). */
  maxBuckets?: number;
  /** Minimum rows per bucket; smaller buckets are merged into a neighbour (default 200). */
  minRowsPerBucket?: number;
  /** Probabilities at which residual quantiles are stored; must run from 0 to 1 (default 0, 0.01, ..., 1). */
  probabilityGrid?: readonly number[];
}

export const RESIDUAL_MODEL_VERSION = 1;

const BucketSchema = z.object({
  centre: z.number(),
  predictedMin: z.number(),
  predictedMax: z.number(),
  count: z.number().int().positive(),
  residualQuantiles: z.array(z.number()),
});

const ResidualModelSchema = z.object({
  kind: z.literal('residual-model'),
  version: z.literal(RESIDUAL_MODEL_VERSION),
  probabilities: z.array(z.number()).min(2),
  buckets: z.array(BucketSchema).min(1),
});

/** Serialised {@link ResidualModel}. */
export type ResidualModelJSON = z.infer<typeof ResidualModelSchema>;
/** One predicted-mean bucket of a serialised {@link ResidualModel}. */
export type ResidualBucketJSON = z.infer<typeof BucketSchema>;

/**
 * Empirical distribution of residuals r = actual - predicted, by predicted-mean bucket.
 *
 * Each bucket keeps its residual quantiles on a fixed probability grid. For a mean m lying between two
 * bucket centres (median predicted mean), the residual quantiles of the two buckets are interpolated linearly
 * in m (quantile averaging), so probabilities move smoothly with m; beyond the outermost centres the edge pair
 * is extrapolated, but only as far as the edge bucket's own predicted range.
 *
 * The stat is an integer, so actual = round(m + r) (continuity correction):
 * P(actual >= k) = P(m + r >= k - 0.5) = 1 - F_r(k - 0.5 - m), and P(actual >= k) = 1 for k <= 0
 * (mass below zero is folded onto zero; stats are non-negative).
 */
export class ResidualModel {
  private constructor(private readonly state: ResidualModelJSON) {}

  /** Fits buckets and residual quantiles on validation rows. */
  static fit(rows: readonly ResidualFitRow[], options: ResidualModelOptions = {}): ResidualModel {
    const maxBuckets = options.maxBuckets ?? 10;
    const minRows = options.minRowsPerBucket ?? 200;
    const grid = [...(options.probabilityGrid ?? DEFAULT_PROBABILITY_GRID)];
    if (!Number.isInteger(maxBuckets) || maxBuckets < 1) throw new InvalidInputError(`maxBuckets must be a positive integer, got ${maxBuckets}`);
    if (!Number.isInteger(minRows) || minRows < 1) throw new InvalidInputError(`minRowsPerBucket must be a positive integer, got ${minRows}`);
    const gridProblem = probabilityGridProblem(grid);
    if (gridProblem) throw new InvalidInputError(gridProblem);
    if (rows.length < minRows) throw new InsufficientDataError(`residual model needs at least ${minRows} rows, got ${rows.length}`);
    rows.forEach(assertFitRow);

    const sorted = [...rows].sort((a, b) => a.predicted - b.predicted);
    const predicted = sorted.map((r) => r.predicted);
    const buckets = bucketRanges(predicted, maxBuckets, minRows).map(([start, end]): ResidualBucketJSON => {
      const slice = sorted.slice(start, end);
      const residuals = slice.map((r) => r.actual - r.predicted).sort((a, b) => a - b);
      return {
        centre: sampleQuantiles(predicted.slice(start, end), [0.5])[0],
        predictedMin: predicted[start],
        predictedMax: predicted[end - 1],
        count: end - start,
        residualQuantiles: sampleQuantiles(residuals, grid),
      };
    });
    return new ResidualModel({ kind: 'residual-model', version: RESIDUAL_MODEL_VERSION, probabilities: grid, buckets });
  }

  /** Restores a model from {@link ResidualModel.toJSON} output; throws ModelStateError when malformed. */
  static fromJSON(json: unknown): ResidualModel {
    const parsed = ResidualModelSchema.safeParse(json);
    if (!parsed.success) throw new ModelStateError(`invalid residual model state: ${z.prettifyError(parsed.error)}`);
    const problem = stateProblem(parsed.data);
    if (problem) throw new ModelStateError(`invalid residual model state: ${problem}`);
    return new ResidualModel(parsed.data);
  }

  /** P(actual >= k) for an integer k given the predicted mean. */
  survival(mean: number, k: number): number {
    assertFinite(mean, 'mean');
    if (!Number.isInteger(k)) throw new InvalidInputError(`k must be an integer, got ${String(k)}`);
    return this.survivalAt(mean, this.quantilesAt(mean), k);
  }

  /** Uncalibrated over/under/push probabilities of `line` given the predicted mean. */
  overUnder(mean: number, line: number): OverUnder {
    assertFinite(mean, 'mean');
    const quantiles = this.quantilesAt(mean);
    return overUnderFromSurvival((k) => this.survivalAt(mean, quantiles, k), line);
  }

  /** The q-quantile of the (continuous, pre-rounding) outcome mean + r, floored at 0; for prediction intervals. */
  quantile(mean: number, q: number): number {
    assertFinite(mean, 'mean');
    assertProbability(q, 'q');
    return Math.max(0, mean + gridQuantile(this.state.probabilities, this.quantilesAt(mean), q));
  }

  /** JSON-serialisable state (a copy). */
  toJSON(): ResidualModelJSON {
    return structuredClone(this.state);
  }

  private survivalAt(mean: number, quantiles: readonly number[], k: number): number {
    if (k <= 0) return 1;
    return 1 - gridCdf(this.state.probabilities, quantiles, k - 0.5 - mean);
  }

  /**
   * Residual quantiles at `mean`: linear in mean between the two nearest bucket centres. Beyond the outer centres
   * the edge pair is extrapolated up to the edge bucket's own predicted range (held constant further out),
   * and a running maximum keeps the extrapolated quantiles non-decreasing.
   */
  private quantilesAt(mean: number): readonly number[] {
    const buckets = this.state.buckets;
    const last = buckets.length - 1;
    if (last === 0) return buckets[0].residualQuantiles;
    let i = 0;
    let m = mean;
    if (mean < buckets[0].centre) m = Math.max(mean, buckets[0].predictedMin);
    else if (mean >= buckets[last].centre) {
      i = last - 1;
      m = Math.min(mean, buckets[last].predictedMax);
    } else while (buckets[i + 1].centre <= mean) i++;
    const lo = buckets[i].residualQuantiles;
    const hi = buckets[i + 1].residualQuantiles;
    const w = (m - buckets[i].centre) / (buckets[i + 1].centre - buckets[i].centre);
    const out = new Array<number>(lo.length);
    for (let j = 0; j < lo.length; j++) {
      const q = lo[j] + w * (hi[j] - lo[j]);
      out[j] = j > 0 && q < out[j - 1] ? out[j - 1] : q;
    }
    return out;
  }
}

function assertFitRow(row: ResidualFitRow, index: number): void {
  assertFinite(row.predicted, `rows[${index}].predicted`);
  if (!(Number.isInteger(row.actual) && row.actual >= 0)) {
    throw new InvalidInputError(`rows[${index}].actual must be a non-negative integer, got ${String(row.actual)}`);
  }
}

/**
 * Splits ascending `predicted` into [start, end) index ranges: up to min(maxBuckets, n / minRows)
 * equal-count buckets, never splitting tied values, then the smallest bucket under minRows is merged
 * into its smaller neighbour until none is left (or one bucket remains).
 */
function bucketRanges(predicted: readonly number[], maxBuckets: number, minRows: number): Array<[number, number]> {
  const n = predicted.length;
  const target = Math.max(1, Math.min(maxBuckets, Math.floor(n / minRows)));
  const starts = [0];
  for (let b = 1; b < target; b++) {
    let idx = Math.round((b * n) / target);
    while (idx < n && predicted[idx] === predicted[idx - 1]) idx++;
    if (idx < n && idx > starts[starts.length - 1]) starts.push(idx);
  }
  const ranges = starts.map((s, i): [number, number] => [s, i + 1 < starts.length ? starts[i + 1] : n]);
  const size = (r: [number, number]) => r[1] - r[0];
  while (ranges.length > 1) {
    let smallest = 0;
    ranges.forEach((r, i) => {
      if (size(r) < size(ranges[smallest])) smallest = i;
    });
    if (size(ranges[smallest]) >= minRows) break;
    const left = smallest - 1;
    const right = smallest + 1;
    const into = right >= ranges.length || (left >= 0 && size(ranges[left]) <= size(ranges[right])) ? left : right;
    const [a, b] = into < smallest ? [into, smallest] : [smallest, into];
    ranges.splice(a, 2, [ranges[a][0], ranges[b][1]]);
  }
  return ranges;
}

function probabilityGridProblem(grid: readonly number[]): string | undefined {
  if (grid.length < 2 || grid[0] !== 0 || grid[grid.length - 1] !== 1) return 'probability grid must start at 0 and end at 1';
  for (let i = 1; i < grid.length; i++) {
    if (!(grid[i] > grid[i - 1])) return 'probability grid must be strictly increasing';
  }
  return undefined;
}

function stateProblem(state: ResidualModelJSON): string | undefined {
  const gridProblem = probabilityGridProblem(state.probabilities);
  if (gridProblem) return gridProblem;
  for (let b = 0; b < state.buckets.length; b++) {
    const bucket = state.buckets[b];
    const q = bucket.residualQuantiles;
    if (q.length !== state.probabilities.length) return `bucket ${b} has ${q.length} quantiles for a grid of ${state.probabilities.length}`;
    for (let j = 1; j < q.length; j++) {
      if (q[j] < q[j - 1]) return `bucket ${b} quantiles are not non-decreasing`;
    }
    if (!(bucket.predictedMin <= bucket.centre && bucket.centre <= bucket.predictedMax)) return `bucket ${b} centre lies outside its predicted range`;
    if (b > 0 && !(bucket.centre > state.buckets[b - 1].centre)) return 'bucket centres must be strictly increasing';
  }
  return undefined;
}
