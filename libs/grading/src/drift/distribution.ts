import { InvalidGradingRequestError } from '../errors';

/**
 * A binned reference distribution, the shape libs/training stores per feature in metadata.json
 * (`featureDistribution[]`): `cutPoints` split the non-missing values into `cutPoints.length + 1` bins
 * (bin 0: v < c0, bin k: c(k-1) <= v < ck, last: v >= c(last)), `proportions` are their shares of the
 * non-missing values, `nanShare` the share of missing values among all rows.
 */
export interface BinnedDistribution {
  cutPoints: number[];
  proportions: number[];
  nanShare: number;
}

/** Drift of one sample against a binned reference. */
export interface DriftStatistics {
  /** Population stability index over the bins plus a "missing" bin. */
  psi: number;
  /** Largest gap between the two CDFs of non-missing values, evaluated at the cut points. */
  ks: number;
  /** Rows of the sample (missing included). */
  n: number;
  nanShare: number;
}

/** Proportions below this are floored in PSI (an empty bin would make it infinite). */
export const PSI_FLOOR = 1e-4;

const DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** Decile-binned distribution of a sample (NaN = missing), binned exactly as libs/training bins the training split. */
export function binDistribution(values: ArrayLike<number>): BinnedDistribution {
  const present = Float64Array.from(Array.prototype.filter.call(values, (v: number) => !Number.isNaN(v)) as number[]).sort();
  const nanShare = values.length > 0 ? (values.length - present.length) / values.length : 0;
  if (present.length === 0) return { cutPoints: [], proportions: [], nanShare };
  const cutPoints = DECILES.map((q) => present[Math.min(present.length - 1, Math.floor(q * present.length))]);
  return { cutPoints, proportions: binShares(present, cutPoints), nanShare };
}

/**
 * PSI and KS of `sample` (NaN = missing) against `reference`. PSI = sum over bins of (a - e) ln(a / e), on shares of
 * all rows with missing values as one more bin; KS = max over cut points c of |F_ref(< c) - F_sample(< c)| on the
 * non-missing values (the exact two-sample KS restricted to the reference's cut points, so a lower bound of it).
 */
export function driftStatistics(reference: BinnedDistribution, sample: ArrayLike<number>): DriftStatistics {
  const { cutPoints, proportions } = reference;
  if (proportions.length !== (cutPoints.length === 0 ? 0 : cutPoints.length + 1)) {
    throw new InvalidGradingRequestError(`reference has ${cutPoints.length} cut points but ${proportions.length} proportions`);
  }
  const present = Float64Array.from(Array.prototype.filter.call(sample, (v: number) => !Number.isNaN(v)) as number[]).sort();
  const nanShare = sample.length > 0 ? (sample.length - present.length) / sample.length : 0;
  const shares = cutPoints.length > 0 ? binShares(present, cutPoints) : [];
  const expected = [...proportions.map((p) => p * (1 - reference.nanShare)), reference.nanShare];
  const actual = [...shares.map((p) => p * (1 - nanShare)), nanShare];
  let psi = 0;
  expected.forEach((e, i) => {
    if (e === 0 && actual[i] === 0) return;
    const [a, x] = [Math.max(actual[i], PSI_FLOOR), Math.max(e, PSI_FLOOR)];
    psi += (a - x) * Math.log(a / x);
  });
  let ks = 0;
  let [cumRef, cumSample] = [0, 0];
  for (let k = 0; k < cutPoints.length && present.length > 0; k++) {
    cumRef += proportions[k];
    cumSample += shares[k];
    ks = Math.max(ks, Math.abs(cumRef - cumSample));
  }
  return { psi, ks, n: sample.length, nanShare };
}

/** Shares of sorted non-missing values per bin of `cutPoints` (a value equal to a cut point goes above it). */
function binShares(sorted: Float64Array, cutPoints: readonly number[]): number[] {
  const counts = new Array<number>(cutPoints.length + 1).fill(0);
  let bin = 0;
  for (const v of sorted) {
    while (bin < cutPoints.length && v >= cutPoints[bin]) bin++;
    counts[bin]++;
  }
  return counts.map((c) => (sorted.length > 0 ? c / sorted.length : 0));
}
