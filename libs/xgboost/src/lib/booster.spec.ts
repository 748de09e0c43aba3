import { syntheticData } from '../testing/synthetic';
import { Booster } from './booster';
import { DMatrix } from './dmatrix';
import { XGBoostDisposedError, XGBoostError } from './errors';

const COLS = 4;
const NAMES = ['pts', 'reb', 'ast', 'min'];

function trainedBooster(rounds = 8): { booster: Booster; dtrain: DMatrix; features: Float32Array } {
  const { features, labels } = syntheticData(600, COLS, { seed: 3 });
  const dtrain = DMatrix.fromDense(features, { ncol: COLS, label: labels, featureNames: NAMES });
  const booster = Booster.create({ max_depth: 3, eta: 0.3, seed: 1, nthread: 1, eval_metric: ['rmse', 'mae'] }, [dtrain]);
  for (let i = 0; i < rounds; i++) booster.update(i, dtrain);
  return { booster, dtrain, features };
}

describe('Booster', () => {
  it('trains, evaluates and reports its shape', () => {
    const { booster, dtrain } = trainedBooster();
    const metrics = booster.evalSet([{ name: 'train', matrix: dtrain }], 7);
    expect(Object.keys(metrics['train'] ?? {})).toEqual(['rmse', 'mae']);
    expect(metrics['train']?.['rmse']).toBeGreaterThan(0);
    expect(booster.boostedRounds).toBe(8);
    expect(booster.numFeatures).toBe(COLS);
    expect(booster.featureNames).toEqual(NAMES);
    expect(booster.evalSet([])).toEqual({});
    booster.dispose();
  });

  it('predicts the same through a DMatrix and through a dense Float32Array, honouring iterationRange', () => {
    const { booster, features } = trainedBooster();
    const matrix = DMatrix.fromDense(features, { ncol: COLS });
    const viaMatrix = booster.predict(matrix);
    const viaDense = booster.predict(features);
    expect(viaDense).toHaveLength(600);
    expect(Array.from(viaDense)).toEqual(Array.from(viaMatrix));
    const firstTwo = booster.predict(features, { iterationRange: [0, 2] });
    expect(Array.from(firstTwo)).toEqual(Array.from(booster.predict(matrix, { iterationRange: [0, 2] })));
    expect(Array.from(firstTwo)).not.toEqual(Array.from(viaDense));
    expect(() => booster.predict(features.subarray(0, 5))).toThrow(RangeError);
    booster.dispose();
  });

  it('outputs the margin on request', () => {
    const { features, labels } = syntheticData(300, COLS, { seed: 5, labels: 'binary' });
    const dtrain = DMatrix.fromDense(features, { ncol: COLS, label: labels });
    const booster = Booster.create({ objective: 'binary:logistic', nthread: 1 }, [dtrain]);
    for (let i = 0; i < 3; i++) booster.update(i, dtrain);
    const prob = booster.predict(features);
    const margin = booster.predict(features, { outputMargin: true });
    expect(prob[0]).toBeCloseTo(1 / (1 + Math.exp(-(margin[0] as number))), 6);
    booster.dispose();
  });

  it.each(['json', 'ubj'] as const)('round-trips the model through a %s buffer with attributes and names', (format) => {
    const { booster, features } = trainedBooster();
    booster.setAttribute('best_iteration', '5');
    const bytes = booster.saveModel(format);
    if (format === 'json') expect(JSON.parse(bytes.toString('utf8'))).toHaveProperty('learner');
    const loaded = Booster.loadModel(bytes);
    expect(Array.from(loaded.predict(features))).toEqual(Array.from(booster.predict(features)));
    expect(loaded.getAttribute('best_iteration')).toBe('5');
    expect(loaded.featureNames).toEqual(NAMES);
    expect(loaded.boostedRounds).toBe(8);
    loaded.dispose();
    booster.dispose();
  });

  it('dumps trees as text and JSON', () => {
    const { booster } = trainedBooster(2);
    const text = booster.dumpModel({ withStats: true });
    expect(text).toHaveLength(2);
    expect(text[0]).toMatch(/^0:\[(pts|reb|ast|min)</);
    expect(text[0]).toContain('gain=');
    const json = booster.dumpModel({ format: 'json' }).map((tree) => JSON.parse(tree) as { nodeid: number });
    expect(json[0]?.nodeid).toBe(0);
    booster.dispose();
  });

  it('computes every importance type keyed by feature name', () => {
    const { booster } = trainedBooster();
    for (const type of ['gain', 'weight', 'cover', 'total_gain', 'total_cover'] as const) {
      const importance = booster.featureImportance(type);
      expect(Object.keys(importance).length).toBeGreaterThan(0);
      for (const [name, value] of Object.entries(importance)) {
        expect(NAMES).toContain(name);
        expect(value).toBeGreaterThan(0);
      }
    }
    const weight = booster.featureImportance('weight');
    const totalSplits = Object.values(weight).reduce((a, b) => a + b, 0);
    expect(totalSplits).toBe(booster.dumpModel().join('\n').match(/</g)?.length);
    booster.dispose();
  });

  it('gets, lists and deletes attributes', () => {
    const { booster } = trainedBooster(1);
    expect(booster.getAttribute('missing')).toBeUndefined();
    booster.setAttribute('a', '1');
    booster.setAttribute('b', 'two');
    expect(booster.attributes).toEqual({ a: '1', b: 'two' });
    booster.setAttribute('a', undefined);
    expect(booster.attributes).toEqual({ b: 'two' });
    booster.dispose();
  });

  it("turns C errors into XGBoostError with XGBoost's message", () => {
    const { booster, dtrain } = trainedBooster(1);
    booster.setParam('max_depth', 'deep');
    let caught: unknown;
    try {
      booster.update(1, dtrain);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(XGBoostError);
    expect((caught as XGBoostError).functionName).toBe('XGBoosterUpdateOneIter');
    expect((caught as XGBoostError).message).toContain("max_depth expect int but value='deep'");
    expect(() => Booster.loadModel(Buffer.from('not a model'))).toThrow(XGBoostError);
    booster.dispose();
  });

  it('disposes idempotently and refuses use after dispose, also of a disposed DMatrix', () => {
    const { booster, dtrain } = trainedBooster(1);
    dtrain.dispose();
    expect(() => booster.update(1, dtrain)).toThrow('DMatrix has been disposed');
    booster.dispose();
    booster.dispose();
    expect(booster.disposed).toBe(true);
    expect(() => booster.boostedRounds).toThrow(XGBoostDisposedError);
    expect(() => booster.saveModel()).toThrow('Booster has been disposed');
  });
});
