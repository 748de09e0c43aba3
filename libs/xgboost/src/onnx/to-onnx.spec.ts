/**
 * @jest-environment ../../tools/jest/ort-test-environment.js
 */
import * as ort from 'onnxruntime-node';
import { Booster } from '../lib/booster';
import { DMatrix, type DMatrixOptions } from '../lib/dmatrix';
import { OnnxExportError } from '../lib/errors';
import { xgboostVersion } from '../lib/native-library';
import type { BoosterParams } from '../lib/params';
import { syntheticData, type LabelKind } from '../testing/synthetic';
import { decodeModel } from './onnx-proto';
import { toOnnx } from './to-onnx';

const COLS = 3;
const NAMES = ['usage', 'pace', 'rest_days'];

function trained(
  params: BoosterParams,
  options: { rounds?: number; labels?: LabelKind; matrix?: Pick<DMatrixOptions, 'featureNames'> } = {},
): {
  booster: Booster;
  features: Float32Array;
} {
  const { features, labels } = syntheticData(400, COLS, { seed: 9, labels: options.labels ?? 'real' });
  const dtrain = DMatrix.fromDense(features, { ncol: COLS, label: labels, ...options.matrix });
  const booster = Booster.create({ nthread: 1, max_depth: 3, ...params }, [dtrain]);
  for (let i = 0; i < (options.rounds ?? 4); i++) booster.update(i, dtrain);
  dtrain.dispose();
  return { booster, features };
}

async function runOnnx(bytes: Uint8Array, rows: Float32Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  const output = await session.run({ features: new ort.Tensor('float32', rows, [rows.length / COLS, COLS]) });
  await session.release();
  return output['prediction']?.data as Float32Array;
}

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => expect(Math.abs((actual[i] as number) - e)).toBeLessThanOrEqual(Math.max(1e-6, 1e-5 * Math.abs(e))));
}

describe('toOnnx', () => {
  it('writes a float32 [N, F] -> [N, 1] graph with feature names, versions and objective in metadata', () => {
    const { booster } = trained({ objective: 'count:poisson' }, { labels: 'positive' });
    const model = decodeModel(toOnnx(booster, { featureNames: NAMES, featureSetVersion: 'fs-2024-10', docString: 'points model' }));
    expect(model.doc_string).toBe('points model');
    expect(model.opset_import).toEqual(expect.arrayContaining([{ domain: 'ai.onnx.ml', version: expect.any(Number) }]));
    expect(model.graph.input[0]?.name).toBe('features');
    expect(model.graph.input[0]?.type.tensor_type.shape.dim).toEqual([{ dim_param: 'N' }, { dim_value: COLS }]);
    expect(model.graph.output[0]?.name).toBe('prediction');
    expect(model.graph.output[0]?.type.tensor_type.shape.dim).toEqual([{ dim_param: 'N' }, { dim_value: 1 }]);
    expect(model.graph.node.map((n) => n.op_type)).toContain('Exp');
    expect(Object.fromEntries((model.metadata_props ?? []).map((p) => [p.key, p.value]))).toEqual({
      feature_names: JSON.stringify(NAMES),
      xgboost_version: String(xgboostVersion()),
      objective: 'count:poisson',
      feature_set_version: 'fs-2024-10',
    });
    booster.dispose();
  });

  it("defaults to the booster's own feature names and checks given names against them", () => {
    const { booster } = trained({}, { matrix: { featureNames: NAMES } });
    const metadata = decodeModel(toOnnx(booster)).metadata_props ?? [];
    expect(metadata.find((p) => p.key === 'feature_names')?.value).toBe(JSON.stringify(NAMES));
    expect(() => toOnnx(booster, { featureNames: ['usage', 'rest_days', 'pace'] })).toThrow(/differ from the booster's feature names/);
    booster.dispose();
  });

  it('requires exactly one name per model feature', () => {
    const { booster } = trained({});
    expect(() => toOnnx(booster)).toThrow(/featureNames is required/);
    expect(() => toOnnx(booster, { featureNames: ['a', 'b'] })).toThrow(/has 2 names but the model expects 3 features/);
    booster.dispose();
  });

  it('exports only the requested boosting rounds, matching predict with the same iterationRange', async () => {
    const { booster, features } = trained({}, { rounds: 10 });
    const onnx = await runOnnx(toOnnx(booster, { featureNames: NAMES, iterationRange: [0, 4] }), features);
    expectClose(onnx, booster.predict(features, { iterationRange: [0, 4] }));
    const tail = await runOnnx(toOnnx(booster, { featureNames: NAMES, iterationRange: [4, 0] }), features);
    expectClose(tail, booster.predict(features, { iterationRange: [4, 10] }));
    expect(() => toOnnx(booster, { featureNames: NAMES, iterationRange: [0, 11] })).toThrow(OnnxExportError);
    expect(() => toOnnx(booster, { featureNames: NAMES, iterationRange: [5, 5] })).toThrow(/iterationRange/);
    booster.dispose();
  });

  it('exports trees that are a single leaf and random forests (num_parallel_tree > 1)', async () => {
    const stumps = trained({ gamma: 1e9 });
    const forest = trained({ num_parallel_tree: 3, subsample: 0.8, colsample_bynode: 0.8 }, { rounds: 3 });
    expect(stumps.booster.dumpModel().every((tree) => /^0:leaf=/.test(tree))).toBe(true);
    expect(forest.booster.dumpModel()).toHaveLength(9);
    for (const { booster, features } of [stumps, forest]) {
      expectClose(await runOnnx(toOnnx(booster, { featureNames: NAMES }), features), booster.predict(features));
      booster.dispose();
    }
  });

  describe('refuses what it cannot export exactly', () => {
    it.each<[string, BoosterParams, Parameters<typeof trained>[1], RegExp]>([
      ['dart', { booster: 'dart' }, {}, /booster "dart".*only gbtree/],
      ['gblinear', { booster: 'gblinear' }, {}, /booster "gblinear".*only gbtree/],
      ['multi-class', { objective: 'multi:softprob', num_class: 3 }, { labels: 'binary' }, /multi-output model \(num_class=3/],
      ['an unsupported objective', { objective: 'binary:hinge' }, { labels: 'binary' }, /objective "binary:hinge".*supported objectives are/],
    ])('%s', (_name, params, options, message) => {
      const { booster } = trained(params, options);
      expect(() => toOnnx(booster, { featureNames: NAMES })).toThrow(OnnxExportError);
      expect(() => toOnnx(booster, { featureNames: NAMES })).toThrow(message);
      booster.dispose();
    });

    it('categorical splits', () => {
      // Column 0 is a category (0..4) that alone decides the label, so trees split on it.
      const rows = 300;
      const features = new Float32Array(rows * COLS).map((_, i) => (i % COLS === 0 ? Math.floor(i / COLS) % 5 : (i % 7) / 7));
      const label = Array.from({ length: rows }, (_, r) => [3, -1, 2, 0, 5][r % 5] as number);
      const dtrain = DMatrix.fromDense(features, { ncol: COLS, label, featureTypes: ['c', 'q', 'q'] });
      const booster = Booster.create({ max_cat_to_onehot: 1, nthread: 1 }, [dtrain]);
      booster.update(0, dtrain);
      expect(() => toOnnx(booster, { featureNames: NAMES })).toThrow(OnnxExportError);
      expect(() => toOnnx(booster, { featureNames: NAMES })).toThrow(/tree 0: it has categorical splits/);
      booster.dispose();
      dtrain.dispose();
    });
  });
});
