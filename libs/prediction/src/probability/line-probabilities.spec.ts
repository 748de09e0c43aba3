import { conditionalOver, overUnderFromSurvival } from './line-probabilities';

// P(actual = k): 0 → 0.2, 1 → 0.3, 2 → 0.3, 3 → 0.2
const survival = (k: number) => (k <= 0 ? 1 : k === 1 ? 0.8 : k === 2 ? 0.5 : k === 3 ? 0.2 : 0);

describe('overUnderFromSurvival', () => {
  it('half line: no push, over = P(actual >= 2)', () => {
    expect(overUnderFromSurvival(survival, 1.5)).toEqual({ over: 0.5, under: 0.5, push: 0 });
  });

  it('integer line: over = P(actual >= 3), under = P(actual <= 1), push = P(actual = 2)', () => {
    const p = overUnderFromSurvival(survival, 2);
    expect(p.over).toBeCloseTo(0.2, 12);
    expect(p.under).toBeCloseTo(0.5, 12);
    expect(p.push).toBeCloseTo(0.3, 12);
    expect(conditionalOver(p)).toBeCloseTo(0.2 / 0.7, 12);
  });

  it('conditional over is 0.5 when a push is certain', () => {
    expect(conditionalOver({ over: 0, under: 0, push: 1 })).toBe(0.5);
  });
});
