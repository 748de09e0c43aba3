import type { ProbabilityModel } from '@propcast/prediction';
import type { StatDataset } from '../dataset/dataset.types';
import { evaluateBaselines } from './baselines';
import type { Evaluation } from './evaluation.types';
import { selectLines } from './line-selection';
import { overUnderMetrics } from './over-under-metrics';
import { metricsByMinutes, regressionMetrics } from './regression-metrics';

/**
 * Scores a model's predictions on a dataset beside the three baselines on the same rows: regression metrics
 * (overall and by minutes played) and over/under metrics of the calibrated probability against real and proxy lines.
 */
export function evaluatePredictions(ds: StatDataset, predicted: Float32Array, probabilityModel: ProbabilityModel, baselineFallback: number): Evaluation {
  if (predicted.length !== ds.size) throw new RangeError(`${predicted.length} predictions for ${ds.size} rows`);
  const lines = selectLines(ds);
  return {
    rows: ds.size,
    model: regressionMetrics(predicted, ds.target),
    byMinutes: metricsByMinutes(predicted, ds.target, ds.minutes),
    baselines: evaluateBaselines(ds, baselineFallback),
    overUnder: {
      real: overUnderMetrics(probabilityModel, predicted, ds.target, lines, 'real'),
      proxy: overUnderMetrics(probabilityModel, predicted, ds.target, lines, 'proxy'),
    },
  };
}
