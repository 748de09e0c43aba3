import { americanOdds, num, pct, signed, tickLabel, units } from './format';

describe('number formats', () => {
  it('prints fixed decimals, negatives and exponent notation from 1e9', () => {
    expect(num(1.23456)).toBe('1.235');
    expect(num(-0.5, 2)).toBe('-0.50');
    expect(num(0)).toBe('0.000');
    expect(num(2.5e9)).toBe('2.500e+9');
    expect(num(-3e12, 1)).toBe('-3.000e+12');
  });

  it('prints null, undefined, NaN and infinities as the missing mark', () => {
    for (const x of [null, undefined, NaN, Infinity, -Infinity]) {
      expect(num(x)).toBe('-');
      expect(pct(x)).toBe('-');
      expect(signed(x)).toBe('-');
      expect(units(x)).toBe('-');
      expect(americanOdds(x)).toBe('-');
    }
    expect(num(null, 3, '–')).toBe('–');
    expect(pct(NaN, '')).toBe('');
  });

  it('prints shares as percentages with one decimal', () => {
    expect(pct(0.1234)).toBe('12.3%');
    expect(pct(-0.045)).toBe('-4.5%');
    expect(pct(1)).toBe('100.0%');
  });

  it('signs edges and money, and prints American odds like a bookmaker', () => {
    expect(signed(0.125)).toBe('+0.125');
    expect(signed(-1)).toBe('-1.000');
    expect(signed(0, 1)).toBe('+0.0');
    expect(units(12.5)).toBe('+12.50u');
    expect(units(-3)).toBe('-3.00u');
    expect(americanOdds(150)).toBe('+150');
    expect(americanOdds(-110)).toBe('-110');
  });

  it('shortens axis ticks with their magnitude', () => {
    expect(tickLabel(0.256)).toBe('0.26');
    expect(tickLabel(-12.34)).toBe('-12.3');
    expect(tickLabel(1234.5)).toBe('1235');
  });
});
