import { InvalidInputError, InvalidOddsError } from '../errors';
import { hitRate, maxDrawdown, roi, sharpe } from './betting';
import { betResult, lineOutcome, profitAtAmericanOdds } from './grading';

describe('grading', () => {
  it('line outcome: OVER/UNDER/PUSH, VOID when the player did not play', () => {
    expect(lineOutcome(25, 24.5)).toBe('OVER');
    expect(lineOutcome(24, 24.5)).toBe('UNDER');
    expect(lineOutcome(24, 24)).toBe('PUSH');
    expect(lineOutcome(null, 24)).toBe('VOID');
  });

  it('bet result from recommendation and outcome', () => {
    expect(betResult('OVER', 'OVER')).toBe('WIN');
    expect(betResult('UNDER', 'OVER')).toBe('LOSS');
    expect(betResult('UNDER', 'PUSH')).toBe('PUSH');
    expect(betResult('OVER', 'VOID')).toBe('VOID');
    expect(betResult('PASS', 'OVER')).toBe('NO_BET');
    expect(betResult('PASS', 'VOID')).toBe('NO_BET');
  });

  it('profit at American odds', () => {
    expect(profitAtAmericanOdds('WIN', -110)).toBeCloseTo(0.909091, 6);
    expect(profitAtAmericanOdds('WIN', 150, 2)).toBe(3);
    expect(profitAtAmericanOdds('LOSS', -110, 2)).toBe(-2);
    for (const r of ['PUSH', 'VOID', 'NO_BET'] as const) expect(profitAtAmericanOdds(r, -110)).toBe(0);
    expect(() => profitAtAmericanOdds('WIN', 50)).toThrow(InvalidOddsError);
    expect(() => profitAtAmericanOdds('WIN', -110, -1)).toThrow(InvalidInputError);
  });
});

describe('betting metrics', () => {
  it('hit rate counts only wins and losses', () => {
    expect(hitRate(['WIN', 'LOSS', 'WIN', 'PUSH', 'VOID', 'NO_BET'])).toBeCloseTo(2 / 3, 12);
    expect(hitRate(['PUSH'])).toBeNaN();
  });

  it('ROI is total profit over total stake', () => {
    expect(roi([0.9091, -1, 0.9091, 0], [1, 1, 1, 1])).toBeCloseTo(0.8182 / 4, 12);
    expect(roi([], [])).toBeNaN();
  });

  it('max drawdown is the largest fall from a running peak', () => {
    expect(maxDrawdown([0, 2, 1, 3, -1, 0, 4])).toBe(4);
    expect(maxDrawdown([1, 2, 3])).toBe(0);
    expect(maxDrawdown([0, -1, -2])).toBe(2);
    expect(maxDrawdown([])).toBe(0);
  });

  it('Sharpe is mean over sample sd, optionally annualised', () => {
    // mean 0.02, sample sd of [0.01, 0.03, 0.02] = 0.01
    expect(sharpe([0.01, 0.03, 0.02])).toBeCloseTo(2, 12);
    expect(sharpe([0.01, 0.03, 0.02], 4)).toBeCloseTo(4, 12);
    expect(sharpe([0.01])).toBeNaN();
    expect(sharpe([0.01, 0.01])).toBeNaN();
  });
});
