import { InvalidInputError, InvalidOddsError } from '../errors';
import { confidence, sideConfidence } from './confidence';
import { americanToDecimal, impliedProbabilityFromAmericanOdds, profitPerUnit } from './odds';
import { qualityFlags } from './quality-flags';
import { edge, expectedValuePerUnit, kellyFraction } from './value';
import { removeVig } from './vig';

describe('odds', () => {
  it('converts American to decimal odds', () => {
    expect(americanToDecimal(-110)).toBeCloseTo(1.909091, 6);
    expect(americanToDecimal(150)).toBe(2.5);
    expect(americanToDecimal(-200)).toBe(1.5);
    expect(americanToDecimal(100)).toBe(2);
    expect(americanToDecimal(-100)).toBe(2);
    expect(profitPerUnit(-110)).toBeCloseTo(0.909091, 6);
  });

  it('gives implied probabilities: -110 → 0.5238, +150 → 0.4, -200 → 0.6667', () => {
    expect(impliedProbabilityFromAmericanOdds(-110)).toBeCloseTo(0.5238, 4);
    expect(impliedProbabilityFromAmericanOdds(150)).toBeCloseTo(0.4, 12);
    expect(impliedProbabilityFromAmericanOdds(-200)).toBeCloseTo(2 / 3, 12);
  });

  it('rejects impossible prices', () => {
    for (const bad of [0, 50, -99, Number.NaN, Infinity]) expect(() => americanToDecimal(bad)).toThrow(InvalidOddsError);
  });
});

describe('removeVig', () => {
  it('-110/-110 → 0.5/0.5 with overround 1.0476 (both methods)', () => {
    for (const method of ['multiplicative', 'power'] as const) {
      const m = removeVig(-110, -110, method);
      expect(m.over).toBeCloseTo(0.5, 12);
      expect(m.under).toBeCloseTo(0.5, 12);
      expect(m.overround).toBeCloseTo(1.047619, 6);
    }
  });

  it('multiplicative: -150/+130 → 0.6/0.434783 normalised to 0.579832/0.420168', () => {
    const m = removeVig(-150, 130);
    expect(m.over).toBeCloseTo(0.6 / (0.6 + 100 / 230), 12);
    expect(m.over).toBeCloseTo(0.579832, 6);
    expect(m.over + m.under).toBeCloseTo(1, 12);
  });

  it('power: solves 0.6^k + 0.434783^k = 1 and shades the longshot more than multiplicative', () => {
    const p = removeVig(-150, 130, 'power');
    const k = Math.log(p.over) / Math.log(0.6);
    expect(0.6 ** k + (100 / 230) ** k).toBeCloseTo(1, 12);
    expect(k).toBeGreaterThan(1);
    expect(p.under).toBeLessThan(removeVig(-150, 130).under);
  });

  it('power handles a sub-1 overround (k < 1)', () => {
    const p = removeVig(110, 110, 'power');
    expect(p.over).toBeCloseTo(0.5, 12);
    expect(p.overround).toBeLessThan(1);
  });

  it('rejects an unknown method', () => {
    expect(() => removeVig(-110, -110, 'shin' as never)).toThrow(InvalidInputError);
  });
});

describe('edge, EV, Kelly', () => {
  it('edge is model minus market', () => {
    expect(edge(0.55, 0.5)).toBeCloseTo(0.05, 12);
    expect(() => edge(1.2, 0.5)).toThrow(InvalidInputError);
  });

  it('EV of p = 0.55 at -110 = 0.55 * 0.9091 - 0.45 = 0.05', () => {
    expect(expectedValuePerUnit(0.55, -110)).toBeCloseTo(0.05, 12);
    expect(expectedValuePerUnit(0.4, 150)).toBeCloseTo(0, 12);
    expect(expectedValuePerUnit(0.5, -110)).toBeCloseTo(-0.0454545, 6);
  });

  it('EV with push refunds the stake: p = 0.5, push 0.1 at +100 → 0.5 - 0.4 = 0.1', () => {
    expect(expectedValuePerUnit(0.5, 100, 0.1)).toBeCloseTo(0.1, 12);
    expect(() => expectedValuePerUnit(0.7, 100, 0.4)).toThrow(InvalidInputError);
  });

  it('Kelly: p = 0.55 at -110 → full 0.055, quarter 0.01375; capped; never negative', () => {
    expect(kellyFraction(0.55, -110, { fraction: 1, cap: 1 })).toBeCloseTo(0.055, 12);
    expect(kellyFraction(0.55, -110)).toBeCloseTo(0.01375, 12);
    expect(kellyFraction(0.7, 100, { fraction: 1, cap: 0.05 })).toBe(0.05);
    expect(kellyFraction(0.45, -110)).toBe(0);
  });

  it('Kelly with pushes: p = 0.5, push 0.1 at +100 → (0.5 - 0.4) / 0.9 = 0.1111', () => {
    expect(kellyFraction(0.5, 100, { fraction: 1, cap: 1, pushProbability: 0.1 })).toBeCloseTo(0.1 / 0.9, 12);
  });
});

describe('confidence', () => {
  it('is |pOver - pUnder| / (pOver + pUnder)', () => {
    expect(confidence(0.5, 0.5)).toBe(0);
    expect(confidence(0.6, 0.4)).toBeCloseTo(0.2, 12);
    expect(confidence(0.3, 0.6)).toBeCloseTo(1 / 3, 12);
    expect(sideConfidence(0.3, 0.6)).toBeCloseTo(-1 / 3, 12);
    expect(confidence(0, 0)).toBe(0);
    expect(() => confidence(0.7, 0.6)).toThrow(InvalidInputError);
  });
});

describe('qualityFlags', () => {
  it('flags few games, volatile minutes and stale lines against thresholds', () => {
    const t = { minGames: 10, maxMinutesStd: 8, maxLineAgeMinutes: 120 };
    expect(qualityFlags({ gamesThisSeason: 3, minutesStd: 9, lineAgeMinutes: 200 }, t)).toEqual(['few_games', 'minutes_volatile', 'stale_line']);
    expect(qualityFlags({ gamesThisSeason: 10, minutesStd: 8, lineAgeMinutes: 120 }, t)).toEqual([]);
    expect(qualityFlags({ gamesThisSeason: 30, minutesStd: null, lineAgeMinutes: null })).toEqual([]);
  });
});
