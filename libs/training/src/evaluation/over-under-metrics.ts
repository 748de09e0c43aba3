import { brierScore, expectedCalibrationError, logLoss, reliabilityCurve, type ProbabilityModel } from '@propcast/prediction';
import type { OverUnderMetrics } from './evaluation.types';
import type { RowLines } from './line-selection';

/** Probability of over given no push, from the calibrated probability model. */
export function overProbability(model: ProbabilityModel, predicted: number, line: number): number {
  const p = model.overUnder(predicted, line);
  const decided = p.over + p.under;
  return decided > 0 ? p.over / decided : 0.5;
}

/**
 * Hit rate, Brier score, ECE (10 bins) and log loss of P(over | no push) on the rows graded against `source`
 * lines; pushes are counted and excluded. Null when no row has such a line.
 */
export function overUnderMetrics(model: ProbabilityModel, predicted: ArrayLike<number>, actual: ArrayLike<number>, lines: RowLines, source: 'real' | 'proxy'): OverUnderMetrics | null {
  const probs: number[] = [];
  const outcomes: number[] = [];
  let pushes = 0;
  let hits = 0;
  let sides = 0;
  for (let i = 0; i < predicted.length; i++) {
    if (lines.source[i] !== source) continue;
    const line = lines.line[i];
    if (actual[i] === line) {
      pushes++;
      continue;
    }
    const p = overProbability(model, predicted[i], line);
    const over = actual[i] > line ? 1 : 0;
    probs.push(p);
    outcomes.push(over);
    if (p !== 0.5) {
      sides++;
      if ((p > 0.5 ? 1 : 0) === over) hits++;
    }
  }
  if (probs.length === 0 && pushes === 0) return null;
  const has = probs.length > 0;
  return {
    lineSource: source,
    n: probs.length,
    pushes,
    hitRate: sides > 0 ? hits / sides : null,
    brier: has ? brierScore(probs, outcomes) : null,
    ece: has ? expectedCalibrationError(probs, outcomes, 10) : null,
    logLoss: has ? logLoss(probs, outcomes) : null,
    reliability: has ? reliabilityCurve(probs, outcomes, 10) : [],
  };
}
