import { poissonSurvival, Rng } from '../testing/random';
import { InsufficientDataError, InvalidInputError, ModelStateError } from '../errors';
import { expectedCalibrationError } from '../metrics/probabilistic';
import { proxyLine } from '../lines/proxy-line';
import { conditionalOver } from './line-probabilities';
import { ProbabilityModel, type ProbabilityFitRow } from './probability-model';

/** Poisson(mean) actuals; lines alternate between the proxy (x.5) and the nearest integer to the mean. */
function poissonRows(n: number, seed: number): ProbabilityFitRow[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const predicted = 2 + 28 * rng.uniform();
    const line = i % 2 === 0 ? proxyLine(predicted) : Math.round(predicted);
    return { predicted, actual: rng.poisson(predicted), line };
  });
}

describe('ProbabilityModel', () => {
  const model = ProbabilityModel.fit(poissonRows(20_000, 11));

  it('gives calibrated over/under close to the true Poisson probabilities, incl. lines beyond the calibration range', () => {
    // Calibration saw only near-mean lines (raw p ~ 0.35..0.6); lines 1.5 below / 2 above test extrapolation.
    let worst = 0;
    let sum = 0;
    let n = 0;
    for (let mean = 2.5; mean < 30; mean += 0.53) {
      for (const line of [Math.floor(mean) + 0.5, Math.round(mean), Math.floor(mean) - 1.5, Math.round(mean) + 2]) {
        const p = model.overUnder(mean, line);
        for (const err of [p.over - poissonSurvival(mean, Math.floor(line) + 1), p.under - (1 - poissonSurvival(mean, Math.ceil(line)))]) {
          worst = Math.max(worst, Math.abs(err));
          sum += Math.abs(err);
          n++;
        }
      }
    }
    expect(worst).toBeLessThan(0.07); // observed <= 0.055 over 8 seeds
    expect(sum / n).toBeLessThan(0.025); // observed <= 0.017 over 8 seeds
  });

  it('sums to 1; push only on integer lines, taken unchanged from the residual model', () => {
    for (let mean = 0.5; mean < 35; mean += 1.3) {
      for (const line of [Math.floor(mean) + 0.5, Math.round(mean), 0, 40]) {
        const p = model.overUnder(mean, line);
        expect(p.over + p.under + p.push).toBeCloseTo(1, 12);
        expect(Math.min(p.over, p.under, p.push)).toBeGreaterThanOrEqual(0);
        expect(p.push).toBe(model.residualModel.overUnder(mean, line).push);
        if (line % 1 !== 0) expect(p.push).toBe(0);
      }
    }
    expect(model.overUnder(15, 15).push).toBeGreaterThan(0.05);
  });

  it('records fit bookkeeping: pushes are excluded from the calibration rows', () => {
    const rows = poissonRows(20_000, 11);
    const pushes = rows.filter((r) => r.actual === r.line).length;
    expect(model.toJSON().fit).toEqual({ rows: 20_000, calibrationRows: 20_000 - pushes, crossFitFolds: 5 });
  });

  it('round-trips through JSON with bit-identical outputs', () => {
    const restored = ProbabilityModel.fromJSON(JSON.parse(JSON.stringify(model)));
    for (let mean = 0.7; mean < 35; mean += 2.9) {
      for (const line of [0.5, 7, 12.5, 20, 31.5]) expect(restored.overUnder(mean, line)).toEqual(model.overUnder(mean, line));
      expect(restored.quantile(mean, 0.1)).toBe(model.quantile(mean, 0.1));
    }
    expect(restored.toJSON()).toEqual(model.toJSON());
  });

  it('calibration fixes line-dependent miscalibration (held-out ECE drops)', () => {
    // The market line carries information the mean lacks: the true mean sits halfway between prediction and line.
    const sample = (n: number, seed: number): ProbabilityFitRow[] => {
      const rng = new Rng(seed);
      return Array.from({ length: n }, () => {
        const predicted = 5 + 20 * rng.uniform();
        const line = Math.floor(predicted + rng.normal(0, 4)) + 0.5;
        return { predicted, line, actual: rng.poisson(Math.max(0.1, (predicted + line) / 2)) };
      });
    };
    const fitted = ProbabilityModel.fit(sample(20_000, 21));
    const test = sample(20_000, 22);
    const outcomes = test.map((r) => (r.actual > r.line ? 1 : 0));
    const raw = test.map((r) => conditionalOver(fitted.residualModel.overUnder(r.predicted, r.line)));
    const calibrated = test.map((r) => fitted.overUnder(r.predicted, r.line).over);
    const rawEce = expectedCalibrationError(raw, outcomes);
    const calibratedEce = expectedCalibrationError(calibrated, outcomes);
    expect(rawEce).toBeGreaterThan(0.05);
    expect(calibratedEce).toBeLessThan(rawEce / 3);
  });

  it('exposes prediction-interval quantiles', () => {
    expect(model.quantile(20, 0.1)).toBeLessThan(model.quantile(20, 0.9));
  });

  it('fits in-sample with crossFitFolds = 1', () => {
    expect(ProbabilityModel.fit(poissonRows(1_000, 12), { crossFitFolds: 1 }).toJSON().fit.crossFitFolds).toBe(1);
  });

  it('rejects bad input and state', () => {
    expect(() => ProbabilityModel.fit(poissonRows(240, 13))).toThrow(/cross-fitting fold 0 of 5/);
    expect(() => ProbabilityModel.fit(poissonRows(240, 13))).toThrow(InsufficientDataError);
    expect(() => ProbabilityModel.fit(poissonRows(1_000, 13), { crossFitFolds: 0 })).toThrow(InvalidInputError);
    expect(() => ProbabilityModel.fit([{ predicted: 1, actual: 1, line: Number.NaN }], { crossFitFolds: 1 })).toThrow(InvalidInputError);
    const json = model.toJSON();
    expect(() => ProbabilityModel.fromJSON({ ...json, version: 99 })).toThrow(ModelStateError);
    expect(() => ProbabilityModel.fromJSON({ ...json, residual: { kind: 'residual-model' } })).toThrow(ModelStateError);
    expect(() => ProbabilityModel.fromJSON('nope')).toThrow(ModelStateError);
  });
});
