import { z } from 'zod';
import { InvalidInputError } from '../errors';
import { assertFinite } from '../validation';
import { type OverUnder, overUnderFromSurvival } from './line-probabilities';

/**
 * Parametric count distributions around a predicted mean:
 * - `poisson`: variance = mean;
 * - `negbin`: negative binomial with size r (`dispersion`), variance = mean + mean^2 / r (r → ∞ is Poisson);
 * - `zip`: zero-inflated Poisson, P(0) = π + (1 - π) e^-λ with π = `zeroShare` and λ = mean / (1 - π), so the mean is kept;
 * - `normal`: a normal with standard deviation `sd`, discretised with a continuity correction
 *   (P(X >= k) = 1 - Φ((k - 0.5 - mean) / sd), mass below zero folded onto zero).
 */
export const COUNT_FAMILIES = ['poisson', 'negbin', 'zip', 'normal'] as const;
export type CountFamily = (typeof COUNT_FAMILIES)[number];

/** One prediction's distribution: enough to price any line without the model (stored on the predictions row). */
export const CountDistributionSchema = z.discriminatedUnion('family', [
  z.object({ family: z.literal('poisson'), mean: z.number().nonnegative() }),
  z.object({ family: z.literal('negbin'), mean: z.number().nonnegative(), dispersion: z.number().positive() }),
  z.object({ family: z.literal('zip'), mean: z.number().nonnegative(), zeroShare: z.number().min(0).lt(1) }),
  z.object({ family: z.literal('normal'), mean: z.number(), sd: z.number().positive() }),
]);
export type CountDistribution = z.infer<typeof CountDistributionSchema>;

/** Smallest mean used for count families (a mean of 0 would make every line a certain under). */
const MIN_MEAN = 1e-6;

/** P(X = 0..kMax) of a count distribution (the normal's discretised masses). */
export function countPmf(d: CountDistribution, kMax: number): Float64Array {
  const out = new Float64Array(Math.max(0, kMax) + 1);
  if (d.family === 'normal') {
    let previous = 0;
    for (let k = 0; k <= kMax; k++) {
      const cdf = normalCdf((k + 0.5 - d.mean) / d.sd);
      out[k] = cdf - previous;
      previous = cdf;
    }
    return out;
  }
  const mean = Math.max(MIN_MEAN, d.mean);
  if (d.family === 'negbin') {
    const r = d.dispersion;
    const q = mean / (r + mean);
    let p = Math.exp(r * Math.log(r / (r + mean)));
    for (let k = 0; k <= kMax; k++) {
      out[k] = p;
      p *= ((k + r) / (k + 1)) * q;
    }
    return out;
  }
  const zero = d.family === 'zip' ? d.zeroShare : 0;
  const lambda = mean / (1 - zero);
  let p = Math.exp(-lambda);
  for (let k = 0; k <= kMax; k++) {
    out[k] = (1 - zero) * p + (k === 0 ? zero : 0);
    p *= lambda / (k + 1);
  }
  return out;
}

/** P(X >= k) for an integer k. */
export function countSurvival(d: CountDistribution, k: number): number {
  if (!Number.isInteger(k)) throw new InvalidInputError(`k must be an integer, got ${String(k)}`);
  if (k <= 0) return 1;
  if (d.family === 'normal') return 1 - normalCdf((k - 0.5 - d.mean) / d.sd);
  const pmf = countPmf(d, k - 1);
  let below = 0;
  for (let j = 0; j < k; j++) below += pmf[j];
  return Math.min(1, Math.max(0, 1 - below));
}

/** Over/under/push probabilities of any line (half-point or integer) under the distribution; they sum to 1. */
export function countOverUnder(d: CountDistribution, line: number): OverUnder {
  assertFinite(d.mean, 'mean');
  return overUnderFromSurvival((k) => countSurvival(d, k), line);
}

/** Log of P(X = k) (floored at 1e-12 so one impossible outcome cannot dominate a score). */
export function countLogPmf(d: CountDistribution, k: number): number {
  const pmf = countPmf(d, k);
  return Math.log(Math.max(1e-12, pmf[k]));
}

/** Variance of the distribution (the normal's before discretisation). */
export function countVariance(d: CountDistribution): number {
  const m = Math.max(MIN_MEAN, d.mean);
  switch (d.family) {
    case 'poisson':
      return m;
    case 'negbin':
      return m + (m * m) / d.dispersion;
    case 'zip': {
      const lambda = m / (1 - d.zeroShare);
      return m * (1 + lambda - m);
    }
    case 'normal':
      return d.sd * d.sd;
  }
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf approximation, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}
