/**
 * A distribution stored as quantiles q[j] at increasing probabilities p[j] (p[0] = 0 is the minimum,
 * p[last] = 1 the maximum). Between grid points the quantile function, and hence the CDF, is linear.
 */

/** The default grid: 0, 0.01, ..., 0.99, 1 (101 points). */
export const DEFAULT_PROBABILITY_GRID: readonly number[] = Object.freeze(Array.from({ length: 101 }, (_, i) => i / 100));

/** Type-7 (linear interpolation between order statistics) quantiles of an ascending-sorted sample. */
export function sampleQuantiles(sorted: readonly number[], probabilities: readonly number[]): number[] {
  const last = sorted.length - 1;
  return probabilities.map((p) => {
    const h = last * p;
    const lo = Math.floor(h);
    if (lo >= last) return sorted[last];
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  });
}

/** Quantile at probability `p` by linear interpolation on the grid. */
export function gridQuantile(probabilities: readonly number[], quantiles: readonly number[], p: number): number {
  const j = lastIndexAtMost(probabilities, p);
  if (j >= probabilities.length - 1) return quantiles[quantiles.length - 1];
  const w = (p - probabilities[j]) / (probabilities[j + 1] - probabilities[j]);
  return quantiles[j] + w * (quantiles[j + 1] - quantiles[j]);
}

/** Right-continuous CDF P(X <= x) of the grid distribution: 0 below the minimum, 1 from the maximum on. */
export function gridCdf(probabilities: readonly number[], quantiles: readonly number[], x: number): number {
  if (x < quantiles[0]) return 0;
  const j = lastIndexAtMost(quantiles, x);
  if (j >= quantiles.length - 1) return 1;
  const w = (x - quantiles[j]) / (quantiles[j + 1] - quantiles[j]);
  return probabilities[j] + w * (probabilities[j + 1] - probabilities[j]);
}

/** Largest index j with values[j] <= x for ascending `values` (requires values[0] <= x). */
function lastIndexAtMost(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (values[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
