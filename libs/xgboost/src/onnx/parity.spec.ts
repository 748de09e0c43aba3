/**
 * @jest-environment ../../tools/jest/ort-test-environment.js
 */
import * as ort from 'onnxruntime-node';
import { Booster } from '../lib/booster';
import { DMatrix } from '../lib/dmatrix';
import type { SupportedObjective } from '../lib/params';
import { seededRandom } from '@propcast/common';
import { syntheticData, type LabelKind } from '../testing/synthetic';
import { toOnnx } from './to-onnx';
import type { XGBoostJsonModel } from './xgboost-model';

const COLS = 8;
const TEST_ROWS = 10_000;
const NAMES = Array.from({ length: COLS }, (_, i) => `f${i}`);

const OBJECTIVES: [SupportedObjective, LabelKind][] = [
  ['reg:squarederror', 'real'],
  ['reg:absoluteerror', 'real'],
  ['reg:pseudohubererror', 'real'],
  ['reg:logistic', 'probability'],
  ['binary:logistic', 'binary'],
  ['count:poisson', 'positive'],
  ['reg:tweedie', 'positive'],
  ['reg:gamma', 'positive'],
];
const DEPTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** The float32 just above or below `value`. */
function nextFloat(value: number, direction: 1 | -1): number {
  const f = new Float32Array([value]);
  const bits = new Int32Array(f.buffer);
  if (value === 0) return direction * 1.401298464324817e-45;
  bits[0]! += (value > 0 ? 1 : -1) * direction;
  return f[0] as number;
}

/** Split thresholds per feature, read from the model itself. */
function thresholdsByFeature(booster: Booster): number[][] {
  const model = JSON.parse(booster.saveModel('json').toString('utf8')) as XGBoostJsonModel;
  const byFeature: number[][] = Array.from({ length: COLS }, () => []);
  for (const tree of model.learner.gradient_booster.model?.trees ?? []) {
    tree.left_children.forEach((left, node) => {
      if (left !== -1) byFeature[tree.split_indices[node] as number]?.push(Math.fround(tree.split_conditions[node] as number));
    });
  }
  return byFeature;
}

/** Rows mixing ordinary values, NaN, exact thresholds, their float neighbours and far out-of-range values (±inf too). */
function adversarialRows(booster: Booster, seed: number): Float32Array {
  const random = seededRandom(seed);
  const thresholds = thresholdsByFeature(booster);
  const rows = new Float32Array(TEST_ROWS * COLS);
  const outOfRange = [-1e6, 1e6, -3.4e38, 3.4e38, -1e-30, 1e-30, -Infinity, Infinity];
  for (let i = 0; i < rows.length; i++) {
    const own = thresholds[i % COLS] ?? [];
    const pick = random();
    const threshold = own.length > 0 ? (own[Math.floor(random() * own.length)] as number) : 0;
    if (pick < 0.3) rows[i] = random() * 10 - 5;
    else if (pick < 0.4) rows[i] = NaN;
    else if (pick < 0.7) rows[i] = threshold;
    else if (pick < 0.85) rows[i] = nextFloat(threshold, random() < 0.5 ? 1 : -1);
    else rows[i] = outOfRange[Math.floor(random() * outOfRange.length)] as number;
  }
  return rows;
}

function trainModel(objective: SupportedObjective, labels: LabelKind, depth: number): Booster {
  const data = syntheticData(3000, COLS, { seed: depth * 31 + labels.length, missingRate: 0.1, labels });
  const dtrain = DMatrix.fromDense(data.features, { ncol: COLS, label: data.labels });
  const booster = Booster.create({ objective, max_depth: depth, eta: 0.3, min_child_weight: 0.01, nthread: 1, seed: depth }, [dtrain]);
  for (let round = 0; round < 6; round++) booster.update(round, dtrain);
  dtrain.dispose();
  return booster;
}

async function onnxPredict(bytes: Uint8Array, rows: Float32Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const output = await session.run({ features: new ort.Tensor('float32', rows, [rows.length / COLS, COLS]) });
    expect(output['prediction']?.dims).toEqual([rows.length / COLS, 1]);
    return output['prediction']?.data as Float32Array;
  } finally {
    await session.release();
  }
}

/** Index and size of the worst mismatch beyond 1e-5 relative and 1e-6 absolute, or undefined. */
function worstMismatch(actual: Float32Array, expected: Float32Array): { row: number; actual: number; expected: number } | undefined {
  let worst: { row: number; actual: number; expected: number; excess: number } | undefined;
  for (let row = 0; row < expected.length; row++) {
    const a = actual[row] as number;
    const e = expected[row] as number;
    const diff = Math.abs(a - e);
    const excess = Math.min(diff - 1e-6, diff - 1e-5 * Math.abs(e));
    if ((excess > 0 || Number.isNaN(diff)) && (!worst || excess > worst.excess)) worst = { row, actual: a, expected: e, excess };
  }
  return worst && { row: worst.row, actual: worst.actual, expected: worst.expected };
}

describe('ONNX export parity with native predict', () => {
  describe.each(OBJECTIVES)('%s', (objective, labels) => {
    it.each(DEPTHS)('max_depth %i', async (depth) => {
      const booster = trainModel(objective, labels, depth);
      const rows = adversarialRows(booster, depth);
      const native = booster.predict(rows);
      const onnx = await onnxPredict(toOnnx(booster, { featureNames: NAMES }), rows);
      expect(onnx).toHaveLength(TEST_ROWS);
      expect(worstMismatch(onnx, native)).toBeUndefined();
      booster.dispose();
    });
  });
});
