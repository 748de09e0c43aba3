import { seededRandom } from '@propcast/common';

/** Deterministic random numbers for specs: mulberry32 uniform, Box-Muller normal, inversion Poisson. */
export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return this.next();
  }

  normal(mean = 0, sd = 1): number {
    const u = 1 - this.uniform();
    const v = this.uniform();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  poisson(mean: number): number {
    const u = this.uniform();
    let k = 0;
    let pmf = Math.exp(-mean);
    let cdf = pmf;
    while (u > cdf && pmf > 0) {
      k++;
      pmf *= mean / k;
      cdf += pmf;
    }
    return k;
  }

  bernoulli(p: number): 0 | 1 {
    return this.uniform() < p ? 1 : 0;
  }
}

/** P(X >= k) for X ~ Poisson(mean). */
export function poissonSurvival(mean: number, k: number): number {
  if (k <= 0) return 1;
  let pmf = Math.exp(-mean);
  let cdf = pmf;
  for (let j = 1; j < k; j++) {
    pmf *= mean / j;
    cdf += pmf;
  }
  return 1 - cdf;
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}
