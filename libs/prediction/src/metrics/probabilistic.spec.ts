import { InvalidInputError } from '../errors';
import { brierScore, expectedCalibrationError, logLoss, reliabilityCurve } from './probabilistic';

describe('probabilistic metrics', () => {
  const probs = [0.9, 0.8, 0.3, 0.1];
  const outcomes = [1, 0, 0, 1];

  it('Brier: mean squared error of probabilities', () => {
    // (0.01 + 0.64 + 0.09 + 0.81) / 4 = 0.3875
    expect(brierScore(probs, outcomes)).toBeCloseTo(0.3875, 12);
  });

  it('log loss with clipping', () => {
    const expected = -(Math.log(0.9) + Math.log(0.2) + Math.log(0.7) + Math.log(0.1)) / 4;
    expect(logLoss(probs, outcomes)).toBeCloseTo(expected, 12);
    expect(logLoss([0], [1])).toBeCloseTo(-Math.log(1e-15), 9);
    expect(logLoss([1], [0], 0.01)).toBeCloseTo(-Math.log(0.01), 12);
  });

  it('ECE: count-weighted |mean p - observed rate| over equal-width bins', () => {
    // bins (10): 0.1 → bin1 {0.1: 1}; 0.3 → bin3 {0.3: 0}; 0.8 → bin8 {0.8: 0}; 0.9 → bin9 {0.9: 1}
    // (|0.1-1| + |0.3-0| + |0.8-0| + |0.9-1|) / 4 = 2.1 / 4
    expect(expectedCalibrationError(probs, outcomes)).toBeCloseTo(0.525, 12);
    // two bins: [0,0.5): mean p 0.2, rate 0.5 ; [0.5,1]: mean p 0.85, rate 0.5 → (2*0.3 + 2*0.35) / 4
    expect(expectedCalibrationError(probs, outcomes, 2)).toBeCloseTo(0.325, 12);
    expect(expectedCalibrationError([0.5, 0.5], [0, 1])).toBe(0);
    expect(expectedCalibrationError([], [])).toBeNaN();
  });

  it('reliability curve lists non-empty bins; p = 1 falls in the last bin', () => {
    expect(reliabilityCurve([0.2, 0.4, 1], [0, 1, 1], 2)).toEqual([
      { lower: 0, upper: 0.5, count: 2, meanPredicted: 0.30000000000000004, observedRate: 0.5 },
      { lower: 0.5, upper: 1, count: 1, meanPredicted: 1, observedRate: 1 },
    ]);
  });

  it('validates inputs', () => {
    expect(() => brierScore([0.5], [0.5])).toThrow(InvalidInputError);
    expect(() => brierScore([1.5], [1])).toThrow(InvalidInputError);
    expect(() => reliabilityCurve([0.5], [1], 0)).toThrow(InvalidInputError);
  });
});
