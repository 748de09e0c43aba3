import { OnnxPredictor, toOnnx } from '@propcast/xgboost';
import { OnnxParityError } from '../errors';
import { DEFAULT_BOOSTER_SETTINGS } from '../model/booster-config';
import { fitBooster, predictBest, toMatrix } from '../model/fit-booster';
import { consecutiveDates, statDatasetFixture } from '../testing/stat-dataset.fixture';
import { compareWithNative } from './onnx-parity';

describe('compareWithNative (ONNX parity)', () => {
  it('passes an exact export and refuses predictions that differ', async () => {
    const ds = statDatasetFixture({ dates: consecutiveDates('2020-01-01', 4), perDate: 50, value: (i, j) => ((i * 7 + j * 3) % 11) / 2, target: (i) => (i * 7) % 11 });
    const m = toMatrix(ds.features, ds.target, ds.featureNames);
    const fitted = await fitBooster({ config: { objective: 'count:poisson', ...DEFAULT_BOOSTER_SETTINGS }, train: m, validation: m, maxRounds: 15, earlyStoppingRounds: 5, nthread: 1, seed: 1 });
    const native = predictBest(fitted.booster, fitted.bestIteration, ds.features);
    const onnx = toOnnx(fitted.booster, { featureNames: [...ds.featureNames], iterationRange: [0, fitted.bestIteration + 1] });
    const predictor = await OnnxPredictor.create(onnx);
    const exported = await predictor.predict(ds.features);
    await predictor.release();
    const parity = compareWithNative(exported, native);
    expect(parity.rows).toBe(ds.size);
    expect(parity.maxAbsDiff).toBeLessThanOrEqual(parity.tolerance);
    const tampered = native.slice();
    tampered[7] += 0.01;
    expect(() => compareWithNative(exported, tampered)).toThrow(OnnxParityError);
    fitted.booster.dispose();
    m.matrix.dispose();
  });

  it('exports a pseudo-Huber model with its δ and training-median start exactly', async () => {
    const ds = statDatasetFixture({ dates: consecutiveDates('2020-01-01', 4), perDate: 50, value: (i, j) => ((i * 7 + j * 3) % 11) / 2, target: (i) => (i * 7) % 11 });
    const m = toMatrix(ds.features, ds.target, ds.featureNames);
    const config = { objective: 'reg:pseudohubererror' as const, ...DEFAULT_BOOSTER_SETTINGS, huberSlope: 0.7, baseScore: 5 };
    const fitted = await fitBooster({ config, train: m, validation: m, maxRounds: 30, earlyStoppingRounds: 5, nthread: 1, seed: 1 });
    const native = predictBest(fitted.booster, fitted.bestIteration, ds.features);
    const predictor = await OnnxPredictor.create(toOnnx(fitted.booster, { featureNames: [...ds.featureNames], iterationRange: [0, fitted.bestIteration + 1] }));
    const exported = await predictor.predict(ds.features);
    await predictor.release();
    const parity = compareWithNative(exported, native);
    expect(parity.maxAbsDiff).toBeLessThanOrEqual(parity.tolerance);
    // The start is the given median, not XGBoost's 0.5: a model of one round stays near it.
    const first = predictBest(fitted.booster, 0, ds.features);
    expect(Math.abs(first.reduce((a, b) => a + b, 0) / first.length - 5)).toBeLessThan(1);
    fitted.booster.dispose();
    m.matrix.dispose();
  });
});
