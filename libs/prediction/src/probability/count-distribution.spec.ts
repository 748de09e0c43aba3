import { InvalidInputError, ModelStateError } from '../errors';
import { countOverUnder, countPmf, countSurvival, countVariance, normalCdf, type CountDistribution } from './count-distribution';
import { CountModel, logGamma } from './count-model';

/** Seeded LCG so the sampled fixtures are the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function poissonSample(lambda: number, u: () => number): number {
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  const x = u();
  while (x > cdf) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

/** Negative binomial as a gamma-Poisson mixture (gamma shape r, integer r for a sum-of-exponentials draw). */
function negbinSample(mean: number, r: number, u: () => number): number {
  let g = 0;
  for (let i = 0; i < r; i++) g -= Math.log(1 - u());
  return poissonSample((g / r) * mean, u);
}

describe('count distributions', () => {
  it('Poisson: P(X >= 1) = 1 - e^-m, pmf sums to 1, variance = mean', () => {
    const d: CountDistribution = { family: 'poisson', mean: 2.5 };
    expect(countSurvival(d, 1)).toBeCloseTo(1 - Math.exp(-2.5), 12);
    expect(countSurvival(d, 0)).toBe(1);
    expect(countPmf(d, 60).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(countPmf(d, 3)[3]).toBeCloseTo((Math.exp(-2.5) * 2.5 ** 3) / 6, 12);
    expect(countVariance(d)).toBe(2.5);
  });

  it('negative binomial: P(0) = (r / (r + m))^r and variance m + m^2 / r; a huge size is Poisson', () => {
    const d: CountDistribution = { family: 'negbin', mean: 3, dispersion: 2 };
    expect(countPmf(d, 0)[0]).toBeCloseTo((2 / 5) ** 2, 12);
    const pmf = countPmf(d, 200);
    expect(pmf.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    const mean = pmf.reduce((a, p, k) => a + p * k, 0);
    const variance = pmf.reduce((a, p, k) => a + p * (k - mean) ** 2, 0);
    expect(mean).toBeCloseTo(3, 8);
    expect(variance).toBeCloseTo(countVariance(d), 6);
    expect(variance).toBeCloseTo(3 + 9 / 2, 6);
    const nearPoisson = countOverUnder({ family: 'negbin', mean: 3, dispersion: 1e7 }, 2.5);
    expect(nearPoisson.over).toBeCloseTo(countOverUnder({ family: 'poisson', mean: 3 }, 2.5).over, 5);
  });

  it('zero-inflated Poisson keeps the mean and adds zeros', () => {
    const d: CountDistribution = { family: 'zip', mean: 2, zeroShare: 0.2 };
    const pmf = countPmf(d, 80);
    expect(pmf[0]).toBeCloseTo(0.2 + 0.8 * Math.exp(-2.5), 12);
    expect(pmf.reduce((a, p, k) => a + p * k, 0)).toBeCloseTo(2, 8);
    expect(pmf[0]).toBeGreaterThan(countPmf({ family: 'poisson', mean: 2 }, 0)[0]);
  });

  it('discretised normal: continuity correction, mass below zero folded onto zero', () => {
    const d: CountDistribution = { family: 'normal', mean: 20, sd: 6 };
    expect(countSurvival(d, 21)).toBeCloseTo(1 - normalCdf((20.5 - 20) / 6), 12);
    expect(countPmf({ family: 'normal', mean: 0.3, sd: 1 }, 0)[0]).toBeCloseTo(normalCdf(0.2), 12);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
  });

  it('prices half lines without pushes and integer lines with the push mass P(X = line)', () => {
    const d: CountDistribution = { family: 'negbin', mean: 2.2, dispersion: 4 };
    const half = countOverUnder(d, 2.5);
    expect(half.push).toBe(0);
    expect(half.over).toBeCloseTo(countSurvival(d, 3), 12);
    expect(half.over + half.under).toBeCloseTo(1, 12);
    const integer = countOverUnder(d, 2);
    expect(integer.push).toBeCloseTo(countPmf(d, 2)[2], 12);
    expect(integer.over).toBeCloseTo(half.over, 12);
    expect(integer.over + integer.under + integer.push).toBeCloseTo(1, 12);
    expect(() => countSurvival(d, 1.5)).toThrow(InvalidInputError);
  });

  it('logGamma matches factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 10);
    expect(logGamma(6)).toBeCloseTo(Math.log(120), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
  });
});

describe('CountModel', () => {
  it('recovers the negative binomial dispersion of overdispersed counts, and finds Poisson counts near-Poisson', () => {
    const u = rng(11);
    const overdispersed = Array.from({ length: 6000 }, () => {
      const m = 1 + 4 * u();
      return { predicted: m, actual: negbinSample(m, 2, u) };
    });
    const model = CountModel.fit('negbin', overdispersed, { maxBuckets: 1, minRowsPerBucket: 500 });
    const r = (model.distribution(3) as { dispersion: number }).dispersion;
    expect(r).toBeGreaterThan(1.6);
    expect(r).toBeLessThan(2.5);

    const poisson = Array.from({ length: 6000 }, () => {
      const m = 1 + 4 * u();
      return { predicted: m, actual: poissonSample(m, u) };
    });
    const fitted = CountModel.fit('negbin', poisson, { maxBuckets: 1, minRowsPerBucket: 500 });
    expect((fitted.distribution(3) as { dispersion: number }).dispersion).toBeGreaterThan(20);
  });

  it('fits the zero share of zero-inflated counts and the sd of normal residuals', () => {
    const u = rng(5);
    const rows = Array.from({ length: 5000 }, () => {
      const m = 2;
      return { predicted: m, actual: u() < 0.3 ? 0 : poissonSample(m / 0.7, u) };
    });
    const zip = CountModel.fit('zip', rows, { maxBuckets: 1, minRowsPerBucket: 500 });
    expect((zip.distribution(2) as { zeroShare: number }).zeroShare).toBeCloseTo(0.3, 1);
    const normal = CountModel.fit(
      'normal',
      [
        { predicted: 10, actual: 8 },
        { predicted: 10, actual: 12 },
      ],
      { maxBuckets: 1, minRowsPerBucket: 2 },
    );
    expect((normal.distribution(10) as { sd: number }).sd).toBeCloseTo(2, 12);
  });

  it('interpolates bucket parameters between centres and holds them beyond; round-trips through JSON', () => {
    const u = rng(3);
    const rows = Array.from({ length: 4000 }, (_, i) => {
      const m = i < 2000 ? 1 : 20;
      const sd = i < 2000 ? 1 : 5;
      return { predicted: m, actual: Math.max(0, Math.round(m + sd * (u() + u() + u() - 1.5) * 2)) };
    });
    const model = CountModel.fit('normal', rows, { maxBuckets: 2, minRowsPerBucket: 1000 });
    const low = (model.distribution(1) as { sd: number }).sd;
    const high = (model.distribution(20) as { sd: number }).sd;
    expect(high).toBeGreaterThan(low);
    expect((model.distribution(10.5) as { sd: number }).sd).toBeCloseTo((low + high) / 2, 9);
    expect((model.distribution(50) as { sd: number }).sd).toBe(high);
    const restored = CountModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(restored.overUnder(7, 6.5)).toEqual(model.overUnder(7, 6.5));
  });

  it('rejects bad rows with their index, and malformed state', () => {
    expect(() => CountModel.fit('poisson', [{ predicted: 1, actual: 1.5 }], { minRowsPerBucket: 1 })).toThrow(/rows\[0\]\.actual/);
    expect(() => CountModel.fit('poisson', [{ predicted: Number.NaN, actual: 1 }], { minRowsPerBucket: 1 })).toThrow(/rows\[0\]\.predicted/);
    expect(() => CountModel.fromJSON({ kind: 'count-model', version: 1, family: 'negbin', buckets: [{ centre: 1, predictedMin: 0, predictedMax: 2, count: 3, parameter: 0 }] })).toThrow(
      ModelStateError,
    );
  });
});
