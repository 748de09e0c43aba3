import { toOnnx } from '@propcast/xgboost';
import { OnnxParityError } from '../errors';
import { DEFAULT_BOOSTER_SETTINGS } from '../model/booster-config';
import { fitBooster, predictBest, toMatrix } from '../model/fit-booster';
import { consecutiveDates, statDatasetFixture } from '../testing/stat-dataset.fixture';
import { checkOnnxParity } from './onnx-parity';

describe('checkOnnxParity', () => {
  it('passes an exact export and refuses predictions that differ', async () => {
    const ds = statDatasetFixture({ dates: consecutiveDates('2020-01-01', 4), perDate: 50, value: (i, j) => ((i * 7 + j * 3) % 11) / 2, target: (i) => (i * 7) % 11 });
    const m = toMatrix(ds.features, ds.target, ds.featureNames);
    const fitted = await fitBooster({ config: { objective: 'count:poisson', ...DEFAULT_BOOSTER_SETTINGS }, train: m, validation: m, maxRounds: 15, earlyStoppingRounds: 5, nthread: 1, seed: 1 });
    const native = predictBest(fitted.booster, fitted.bestIteration, ds.features);
    const onnx = toOnnx(fitted.booster, { featureNames: [...ds.featureNames], iterationRange: [0, fitted.bestIteration + 1] });
    const parity = await checkOnnxParity(onnx, ds.features, native);
    expect(parity.rows).toBe(ds.size);
    expect(parity.maxAbsDiff).toBeLessThanOrEqual(parity.tolerance * 10);
    const tampered = native.slice();
    tampered[7] += 0.01;
    await expect(checkOnnxParity(onnx, ds.features, tampered)).rejects.toBeInstanceOf(OnnxParityError);
    fitted.booster.dispose();
    m.matrix.dispose();
  });
});
