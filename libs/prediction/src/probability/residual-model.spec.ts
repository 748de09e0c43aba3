import { normalCdf, poissonSurvival, Rng } from '../testing/random';
import { InsufficientDataError, InvalidInputError, ModelStateError } from '../errors';
import { ResidualModel } from './residual-model';

function poissonRows(n: number, seed: number) {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const predicted = 2 + 28 * rng.uniform();
    return { predicted, actual: rng.poisson(predicted) };
  });
}

describe('ResidualModel', () => {
  const model = ResidualModel.fit(poissonRows(20_000, 1));

  it('buckets by predicted mean: up to 10 buckets of >= 200 rows with increasing centres', () => {
    const { buckets, probabilities } = model.toJSON();
    expect(buckets).toHaveLength(10);
    expect(probabilities).toHaveLength(101);
    for (const b of buckets) expect(b.count).toBeGreaterThanOrEqual(200);
    expect(buckets.reduce((s, b) => s + b.count, 0)).toBe(20_000);
  });

  it('recovers Poisson over-probabilities for half and integer lines', () => {
    let worst = 0;
    for (const mean of [2.2, 3, 6.4, 10, 14.7, 20, 25.2, 29, 29.8]) {
      for (const line of [Math.floor(mean) - 2.5, Math.floor(mean) + 0.5, Math.floor(mean) + 3.5, Math.floor(mean), Math.floor(mean) + 2]) {
        const p = model.overUnder(mean, line);
        const over = poissonSurvival(mean, Math.floor(line) + 1);
        const under = 1 - poissonSurvival(mean, Math.ceil(line));
        worst = Math.max(worst, Math.abs(p.over - over), Math.abs(p.under - under), Math.abs(p.push - (1 - over - under)));
        expect(p.over + p.under + p.push).toBeCloseTo(1, 12);
        if (line % 1 !== 0) expect(p.push).toBe(0);
      }
    }
    expect(worst).toBeLessThan(0.035);
  });

  it('recovers Normal(mean, 4) over-probabilities with rounding to integers', () => {
    const rng = new Rng(2);
    const rows = Array.from({ length: 20_000 }, () => {
      const predicted = 10 + 20 * rng.uniform();
      return { predicted, actual: Math.max(0, Math.round(rng.normal(predicted, 4))) };
    });
    const normal = ResidualModel.fit(rows);
    for (const mean of [12, 18.3, 25]) {
      for (const line of [mean - 3.2, mean + 0.1, mean + 5.4].map((x) => Math.floor(x) + 0.5)) {
        expect(Math.abs(normal.overUnder(mean, line).over - (1 - normalCdf((line - mean) / 4)))).toBeLessThan(0.03);
      }
    }
  });

  it('survival is 1 at k <= 0 and non-increasing in k', () => {
    expect(model.survival(0.5, 0)).toBe(1);
    let prev = 1;
    for (let k = 0; k < 50; k++) {
      const s = model.survival(12, k);
      expect(s).toBeLessThanOrEqual(prev);
      prev = s;
    }
  });

  it('gives monotone quantiles near the true Poisson interval, floored at 0', () => {
    const lo = model.quantile(20, 0.1);
    const mid = model.quantile(20, 0.5);
    const hi = model.quantile(20, 0.9);
    expect(lo).toBeLessThan(mid);
    expect(mid).toBeLessThan(hi);
    expect(lo).toBeGreaterThan(13.5); // Poisson(20) 10% ≈ 14
    expect(hi).toBeLessThan(26.5); // Poisson(20) 90% ≈ 26
    expect(model.quantile(0, 0)).toBe(0);
  });

  it('round-trips through JSON with bit-identical outputs', () => {
    const restored = ResidualModel.fromJSON(JSON.parse(JSON.stringify(model)));
    for (const mean of [0.3, 5.55, 17.01, 40]) {
      for (const line of [0, 3.5, 17, 22.5]) expect(restored.overUnder(mean, line)).toEqual(model.overUnder(mean, line));
      expect(restored.quantile(mean, 0.83)).toBe(model.quantile(mean, 0.83));
    }
    expect(restored.toJSON()).toEqual(model.toJSON());
  });

  it('merges small buckets and never splits tied predictions', () => {
    const rows = [...Array.from({ length: 500 }, () => ({ predicted: 5, actual: 5 })), ...Array.from({ length: 150 }, (_, i) => ({ predicted: 6 + i / 150, actual: 6 }))];
    const { buckets } = ResidualModel.fit(rows, { maxBuckets: 3, minRowsPerBucket: 200 }).toJSON();
    expect(buckets.map((b) => b.count)).toEqual([650]);
  });

  it('rejects bad input and state', () => {
    expect(() => ResidualModel.fit(poissonRows(100, 3))).toThrow(InsufficientDataError);
    expect(() => ResidualModel.fit([{ predicted: 1, actual: 1.5 }], { minRowsPerBucket: 1 })).toThrow(InvalidInputError);
    expect(() => ResidualModel.fit([{ predicted: Number.NaN, actual: 1 }], { minRowsPerBucket: 1 })).toThrow(InvalidInputError);
    expect(() => model.survival(10, 2.5)).toThrow(InvalidInputError);
    const json = model.toJSON();
    expect(() => ResidualModel.fromJSON({ ...json, version: 2 })).toThrow(ModelStateError);
    expect(() => ResidualModel.fromJSON({ ...json, buckets: [...json.buckets].reverse() })).toThrow(ModelStateError);
    expect(() => ResidualModel.fromJSON({ ...json, probabilities: json.probabilities.slice(1) })).toThrow(ModelStateError);
  });
});
