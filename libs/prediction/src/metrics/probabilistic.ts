import { InvalidInputError } from '../errors';
import { assertBinary, assertProbability, assertSameLength } from '../validation';
import { meanOf } from './regression';

/** One equal-width bin of a reliability curve. */
export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Brier score, mean (p - outcome)^2 over 0/1 outcomes; NaN when empty. */
export function brierScore(probs: readonly number[], outcomes: readonly number[]): number {
  checkPairs(probs, outcomes);
  return meanOf(probs.map((p, i) => (p - outcomes[i]) ** 2));
}

/** Log loss, -mean(o ln p + (1 - o) ln(1 - p)) with p clipped to [eps, 1 - eps]; NaN when empty. */
export function logLoss(probs: readonly number[], outcomes: readonly number[], eps = 1e-15): number {
  checkPairs(probs, outcomes);
  return meanOf(
    probs.map((raw, i) => {
      const p = Math.min(1 - eps, Math.max(eps, raw));
      return -(outcomes[i] === 1 ? Math.log(p) : Math.log(1 - p));
    }),
  );
}

/** Expected calibration error: sum over equal-width bins of (n_b / N) * |mean p_b - observed rate_b|; NaN when empty. */
export function expectedCalibrationError(probs: readonly number[], outcomes: readonly number[], bins = 10): number {
  const curve = reliabilityCurve(probs, outcomes, bins);
  if (curve.length === 0) return Number.NaN;
  let sum = 0;
  for (const b of curve) sum += b.count * Math.abs(b.meanPredicted - b.observedRate);
  return sum / probs.length;
}

/** Non-empty equal-width bins [i/bins, (i+1)/bins) (the last one closed) with mean prediction and observed rate; for plots. */
export function reliabilityCurve(probs: readonly number[], outcomes: readonly number[], bins = 10): ReliabilityBin[] {
  if (!Number.isInteger(bins) || bins < 1) throw new InvalidInputError(`bins must be a positive integer, got ${bins}`);
  checkPairs(probs, outcomes);
  const count = new Array<number>(bins).fill(0);
  const sumP = new Array<number>(bins).fill(0);
  const sumO = new Array<number>(bins).fill(0);
  probs.forEach((p, i) => {
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b]++;
    sumP[b] += p;
    sumO[b] += outcomes[i];
  });
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    out.push({ lower: b / bins, upper: (b + 1) / bins, count: count[b], meanPredicted: sumP[b] / count[b], observedRate: sumO[b] / count[b] });
  }
  return out;
}

function checkPairs(probs: readonly number[], outcomes: readonly number[]): void {
  assertSameLength(probs, outcomes, 'probs/outcomes');
  probs.forEach((p, i) => assertProbability(p, `probs[${i}]`));
  outcomes.forEach((o, i) => assertBinary(o, `outcomes[${i}]`));
}
