/**
 * @jest-environment ../../tools/jest/ort-test-environment.js
 */
import { Booster } from '../lib/booster';
import { DMatrix } from '../lib/dmatrix';
import { syntheticData } from '../testing/synthetic';
import { readOnnxMetadata } from './onnx-metadata';
import { OnnxPredictor } from './onnx-predictor';
import { createOnnxSession } from './onnx-session';
import { toOnnx } from './to-onnx';

const COLS = 6;
const NAMES = ['minutes', 'usage', 'pace', 'opp_def', 'rest', 'home'];

describe('OnnxPredictor', () => {
  let booster: Booster;
  let bytes: Buffer;
  const { features } = syntheticData(1000, COLS, { seed: 4 });

  beforeAll(() => {
    const data = syntheticData(2000, COLS, { seed: 3, labels: 'positive' });
    const dtrain = DMatrix.fromDense(data.features, { ncol: COLS, label: data.labels, featureNames: NAMES });
    booster = Booster.create({ objective: 'reg:gamma', max_depth: 5, nthread: 1 }, [dtrain]);
    for (let i = 0; i < 20; i++) booster.update(i, dtrain);
    dtrain.dispose();
    bytes = toOnnx(booster, { featureSetVersion: 'v7' });
  });

  afterAll(() => booster.dispose());

  it('exposes the metadata written by toOnnx', () => {
    expect(readOnnxMetadata(bytes)).toEqual({ featureNames: NAMES, objective: 'reg:gamma', xgboostVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/), featureSetVersion: 'v7' });
  });

  it.each([
    ['inline and 2 workers', { workers: 2 }],
    ['calling thread only', { workers: 0 }],
    ['workers for every batch', { workers: 3, inlineMaxRows: 0 }],
  ])('predicts like the booster: %s', async (_name, options) => {
    const predictor = await OnnxPredictor.create(bytes, options);
    expect(predictor.numFeatures).toBe(COLS);
    const expected = booster.predict(features);
    for (const rows of [1, 7, 32, 33, 1000]) {
      const input = features.subarray(0, rows * COLS);
      const actual = await predictor.predict(input);
      expect(actual).toHaveLength(rows);
      actual.forEach((value, i) => expect(Math.abs(value - (expected[i] as number))).toBeLessThanOrEqual(1e-5 * Math.abs(expected[i] as number)));
    }
    const concurrent = await Promise.all([predictor.predict(features), predictor.predict(features.subarray(0, 100 * COLS))]);
    expect(concurrent.map((r) => r.length)).toEqual([1000, 100]);
    await predictor.release();
  });

  it('rejects input that is not whole rows', async () => {
    const predictor = await OnnxPredictor.create(bytes, { workers: 0 });
    await expect(predictor.predict(new Float32Array(COLS + 1))).rejects.toThrow(RangeError);
    await predictor.release();
  });

  it('refuses bytes that were not exported by toOnnx; createOnnxSession serves the graph names', async () => {
    await expect(OnnxPredictor.create(Buffer.from('junk'))).rejects.toThrow();
    const session = await createOnnxSession(bytes);
    expect(session.inputNames).toEqual(['features']);
    expect(session.outputNames).toEqual(['prediction']);
    await session.release();
  });
});
