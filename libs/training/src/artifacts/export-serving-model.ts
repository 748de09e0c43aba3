import { OnnxPredictor, toOnnx } from '@propcast/xgboost';
import type { StatDataset } from '../dataset/dataset.types';
import type { TrainedModel } from '../model/train-model';
import { compareWithNative, type OnnxParity } from './onnx-parity';

/** The ONNX export of a trained model and its own predictions (what the worker will compute). */
export interface ServingExport {
  onnx: Buffer;
  parity: OnnxParity;
  validationPredictions: Float32Array;
  testPredictions: Float32Array;
}

/**
 * Exports the best rounds to ONNX and runs it on the validation and test rows: the test predictions must match
 * the native ones (OnnxParityError otherwise, so nothing is uploaded or registered). The ONNX predictions are
 * what evaluation and the probability model use, so the worker reproduces the trainer's numbers exactly.
 */
export async function exportServingModel(trained: TrainedModel, validation: StatDataset, test: StatDataset, meta: { featureSetId: string; modelId: string }): Promise<ServingExport> {
  const onnx = toOnnx(trained.booster, {
    featureNames: [...test.featureNames],
    featureSetVersion: meta.featureSetId,
    iterationRange: [0, trained.bestIteration + 1],
    docString: meta.modelId,
  });
  const predictor = await OnnxPredictor.create(onnx, { intraOpNumThreads: 2 });
  try {
    const testPredictions = await predictor.predict(test.features);
    const parity = compareWithNative(testPredictions, trained.testPredictions);
    const validationPredictions = await predictor.predict(validation.features);
    compareWithNative(validationPredictions, trained.validationPredictions);
    return { onnx, parity, validationPredictions, testPredictions };
  } finally {
    await predictor.release();
  }
}
