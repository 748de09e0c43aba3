import { Rng } from '../testing/random';
import { InsufficientDataError, InvalidInputError, ModelStateError } from '../errors';
import { expectedCalibrationError } from '../metrics/probabilistic';
import { IsotonicCalibrator } from './isotonic-calibrator';

describe('IsotonicCalibrator', () => {
  it('pools adjacent violators on a hand example', () => {
    // raw sorted: 0.1→0, 0.2→1, 0.3→0, 0.4→1, 0.5→1. Only 0.2/0.3 violate: [0.1]=0, [0.2,0.3]=0.5, [0.4]=1, [0.5]=1
    const c = IsotonicCalibrator.fit([0.3, 0.1, 0.5, 0.2, 0.4], [0, 0, 1, 1, 1], { eps: 0, minBlockSize: 1 });
    const { x, y, weights } = c.toJSON();
    expect(x).toEqual([0.1, 0.25, 0.4, 0.5]);
    expect(y).toEqual([0, 0.5, 1, 1]);
    expect(weights).toEqual([1, 2, 1, 1]);
    expect(c.apply(0.05)).toBe(0);
    expect(c.apply(0.175)).toBeCloseTo(0.25, 12);
    expect(c.apply(0.35)).toBeCloseTo(0.5 + (0.1 / 0.15) * 0.5, 12);
    expect(c.apply(0.9)).toBe(1);
  });

  it('interpolates towards (0, 0) and (1, 1) outside the fitted range', () => {
    const even = IsotonicCalibrator.fit([0.3, 0.3, 0.7, 0.7], [0, 1, 0, 1], { eps: 0, minBlockSize: 1 }); // blocks (0.3, 0.5), (0.7, 0.5)
    expect(even.apply(0.15)).toBeCloseTo(0.25, 12); // halfway from (0, 0) to (0.3, 0.5)
    expect(even.apply(0.85)).toBeCloseTo(0.75, 12); // halfway from (0.7, 0.5) to (1, 1)
    const steep = IsotonicCalibrator.fit([0.4, 0.4, 0.6, 0.6], [0, 1, 1, 1], { eps: 0, minBlockSize: 1 }); // (0.4, 0.5), (0.6, 1)
    expect(steep.apply(0.2)).toBeCloseTo(0.25, 12);
    expect(steep.apply(0.8)).toBe(1);
  });

  it('merges consecutive blocks until each has minBlockSize rows; the remainder joins the last block', () => {
    // PAV blocks (0.1, 0), (0.25, 0.5), (0.4, 1), (0.5, 1) with weights 1, 2, 1, 1; min 2 → [1+2], [1+1]
    const c = IsotonicCalibrator.fit([0.3, 0.1, 0.5, 0.2, 0.4], [0, 0, 1, 1, 1], { eps: 0, minBlockSize: 2 });
    expect(c.toJSON()).toMatchObject({ y: [1 / 3, 1], weights: [3, 2] });
    expect(c.toJSON().x[0]).toBeCloseTo(0.2, 12);
    const all = IsotonicCalibrator.fit([0.3, 0.1, 0.5, 0.2, 0.4], [0, 0, 1, 1, 1], { minBlockSize: 100 });
    expect(all.toJSON()).toMatchObject({ y: [0.6], weights: [5] });
  });

  it('clamps to [eps, 1 - eps]', () => {
    const c = IsotonicCalibrator.fit([0.1, 0.9], [0, 1], { eps: 0.01, minBlockSize: 1 });
    expect(c.apply(0)).toBe(0.01);
    expect(c.apply(1)).toBe(0.99);
  });

  it('lowers ECE of deliberately miscalibrated probabilities on held-out data', () => {
    const rng = new Rng(7);
    const sample = (n: number) => {
      const raw: number[] = [];
      const outcomes: number[] = [];
      for (let i = 0; i < n; i++) {
        const p = rng.uniform();
        raw.push(p);
        outcomes.push(rng.bernoulli(p * p)); // overconfident raw: true rate is p^2
      }
      return { raw, outcomes };
    };
    const train = sample(5000);
    const test = sample(5000);
    const c = IsotonicCalibrator.fit(train.raw, train.outcomes);
    const rawEce = expectedCalibrationError(test.raw, test.outcomes);
    const calibratedEce = expectedCalibrationError(
      test.raw.map((p) => c.apply(p)),
      test.outcomes,
    );
    expect(rawEce).toBeGreaterThan(0.1);
    expect(calibratedEce).toBeLessThan(0.03);
  });

  it('round-trips through JSON with bit-identical outputs', () => {
    const rng = new Rng(8);
    const raw = Array.from({ length: 300 }, () => rng.uniform());
    const c = IsotonicCalibrator.fit(
      raw,
      raw.map((p) => rng.bernoulli(p)),
    );
    const restored = IsotonicCalibrator.fromJSON(JSON.parse(JSON.stringify(c)));
    for (let i = 0; i <= 100; i++) expect(restored.apply(i / 100)).toBe(c.apply(i / 100));
  });

  it('rejects bad input and state', () => {
    expect(() => IsotonicCalibrator.fit([], [])).toThrow(InsufficientDataError);
    expect(() => IsotonicCalibrator.fit([0.5], [2])).toThrow(InvalidInputError);
    expect(() => IsotonicCalibrator.fit([1.5], [1])).toThrow(InvalidInputError);
    expect(() => IsotonicCalibrator.fit([0.5, 0.6], [1])).toThrow(InvalidInputError);
    expect(() => IsotonicCalibrator.fit([0.5], [1], { minBlockSize: 0 })).toThrow(InvalidInputError);
    const json = IsotonicCalibrator.fit([0.1, 0.9], [0, 1]).toJSON();
    expect(() => IsotonicCalibrator.fromJSON({ ...json, y: [1, 0] })).toThrow(ModelStateError);
    expect(() => IsotonicCalibrator.fromJSON({ ...json, kind: 'other' })).toThrow(ModelStateError);
  });
});
