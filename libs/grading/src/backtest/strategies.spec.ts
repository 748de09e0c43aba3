import { InvalidGradingRequestError } from '../errors';
import { decideBet, parseStrategy } from './strategies';

describe('strategies', () => {
  it('parses selector, threshold and staking', () => {
    expect(parseStrategy('ev')).toEqual({ name: 'ev/flat', selector: 'ev', threshold: 0, staking: 'flat' });
    expect(parseStrategy('EDGE:0.05/kelly')).toEqual({ name: 'edge:0.05/kelly', selector: 'edge', threshold: 0.05, staking: 'kelly' });
    expect(parseStrategy('confidence:.2')).toMatchObject({ name: 'confidence:0.2/flat', threshold: 0.2 });
    for (const bad of ['ev:0.1', 'edge', 'confidence:1.5', 'kelly', 'edge:0.1/martingale']) expect(() => parseStrategy(bad)).toThrow(InvalidGradingRequestError);
  });

  it('bets the positive-EV side and applies the edge and confidence gates', () => {
    // P(over) 0.6 at -110/-110: edge 0.1, confidence 0.2, EV 0.6 * 0.909 - 0.4 = 0.145
    const prop = { pOver: 0.6, pUnder: 0.4, overPrice: -110, underPrice: -110 };
    const bet = decideBet(parseStrategy('ev'), prop)!;
    expect(bet.side).toBe('OVER');
    expect(bet.price).toBe(-110);
    expect(bet.edge).toBeCloseTo(0.1, 12);
    expect(bet.expectedValue).toBeCloseTo(0.6 * (100 / 110) - 0.4, 12);
    expect(decideBet(parseStrategy('edge:0.099'), prop)).not.toBeNull();
    expect(decideBet(parseStrategy('edge:0.11'), prop)).toBeNull();
    expect(decideBet(parseStrategy('confidence:0.199'), prop)).not.toBeNull();
    expect(decideBet(parseStrategy('confidence:0.21'), prop)).toBeNull();
    // coin flip at -110: no side has positive EV
    expect(decideBet(parseStrategy('ev'), { pOver: 0.5, pUnder: 0.5, overPrice: -110, underPrice: -110 })).toBeNull();
    // quarter Kelly of f* = (b p - q) / b = (0.909 * 0.6 - 0.4) / 0.909, capped at 5%
    expect(bet.kellyFraction).toBeCloseTo(Math.min(0.05, (0.25 * ((100 / 110) * 0.6 - 0.4)) / (100 / 110)), 12);
  });
});
