import { MarketCombiner, ModelStateError, ProbabilityModel } from '@propcast/prediction';
import type { PredictionRequest } from '@propcast/contracts';
import { seededRandom } from '@propcast/common';
import { MARKET_PRIOR_FLAG, NO_LINE_FLAG, pricePrediction, type PricingOptions, type QualityContext } from './price-prediction';

const random = seededRandom(3);
const probability = ProbabilityModel.fit(
  Array.from({ length: 3000 }, () => {
    const predicted = 5 + random() * 25;
    const actual = Math.max(0, Math.round(predicted + (random() - 0.5) * 12));
    return { predicted, actual, line: Math.floor(predicted) + 0.5 };
  }),
);
const options: PricingOptions = { minEdge: 0.03, minConfidence: 0.05, kellyFraction: 0.25, kellyCap: 0.05 };
const quality: QualityContext = { gamesThisSeason: 30, minutesStd: 3, lineAgeMinutes: 10 };
/** A request; book PROXY (no real price: the model's own probability prices it) unless given. */
const request = (line: number | null, overPrice: number | null = -110, underPrice: number | null = -110, book = 'PROXY'): PredictionRequest => ({
  playerId: 1,
  gameId: '0022400001',
  line,
  overPrice,
  underPrice,
  book,
  capturedAt: null,
});

describe('pricePrediction', () => {
  it('recommends the over when the mean sits far above the line, with vig-free market, edge, EV and capped Kelly', () => {
    const p = pricePrediction(30, request(20.5), probability, 'PRIMARY', quality, options);
    expect(p.recommendation).toBe('OVER');
    expect(p.overProbability).toBeGreaterThan(0.8);
    expect(p.marketOverProbability).toBeCloseTo(0.5, 12);
    expect(p.edge).toBeCloseTo((p.overProbability as number) - 0.5, 2);
    expect(p.expectedValue).toBeGreaterThan(0);
    expect(p.kellyFraction).toBe(0.05);
    expect(p.confidence).toBeGreaterThan(0.5);
    expect(p.flags).toEqual([]);
  });

  it('recommends the under symmetrically and passes near the line', () => {
    expect(pricePrediction(10, request(20.5), probability, 'PRIMARY', quality, options).recommendation).toBe('UNDER');
    const pass = pricePrediction(21, request(20.5), probability, 'PRIMARY', quality, options);
    expect(pass.recommendation).toBe('PASS');
    expect(pass.kellyFraction).toBe(0);
  });

  it('never recommends for a shadow model but still prices it', () => {
    const p = pricePrediction(30, request(20.5), probability, 'SHADOW', quality, options);
    expect(p.recommendation).toBe('PASS');
    expect(p.kellyFraction).toBe(0);
    expect(p.overProbability).toBeGreaterThan(0.8);
    // its own call is kept apart (challengers are graded on it); everything else is priced as for production
    expect(p.wouldBeRecommendation).toBe('OVER');
    const primary = pricePrediction(30, request(20.5), probability, 'PRIMARY', quality, options);
    expect(primary.recommendation).toBe('OVER');
    expect(primary.wouldBeRecommendation).toBe('OVER');
    expect({ ...p, recommendation: 'OVER', kellyFraction: primary.kellyFraction }).toEqual(primary);
  });

  it('stores only the mean and flags for a request without a line', () => {
    const p = pricePrediction(18, request(null, null, null), probability, 'PRIMARY', quality, options);
    expect(p).toMatchObject({ recommendation: 'PASS', overProbability: null, edge: null, kellyFraction: null, flags: [NO_LINE_FLAG] });
  });

  it('flags few games, volatile minutes, stale lines and assumed prices', () => {
    const p = pricePrediction(25, request(20.5, null, -110), probability, 'PRIMARY', { gamesThisSeason: 3, minutesStd: 11, lineAgeMinutes: 500 }, options);
    expect(p.flags).toEqual(['few_games', 'minutes_volatile', 'stale_line', 'assumed_price']);
  });

  it('raises no few_games flag when the count is unknown', () => {
    expect(pricePrediction(25, request(20.5), probability, 'PRIMARY', { gamesThisSeason: null, minutesStd: null, lineAgeMinutes: null }, options).flags).toEqual([]);
  });

  it("prices a real book's line with the vig-free market while no combination is fitted: no edge claimed, the model's own kept beside it", () => {
    const own = pricePrediction(30, request(20.5, -105, -115), probability, 'PRIMARY', quality, options);
    const p = pricePrediction(30, request(20.5, -105, -115, 'dk'), probability, 'PRIMARY', quality, options);
    expect(own.recommendation).toBe('OVER');
    expect(p.combinerId).toBeNull();
    expect(p.modelOverProbability).toBe(own.overProbability);
    const market = p.marketOverProbability as number;
    expect(p.overProbability).toBeCloseTo(market, 12); // no push at a half line
    expect(p.recommendation).toBe('PASS');
    expect(p.kellyFraction).toBe(0);
    expect(p.flags).toContain(MARKET_PRIOR_FLAG);
    expect(own.flags).not.toContain(MARKET_PRIOR_FLAG);
  });

  describe('with a market combination', () => {
    const rows = Array.from({ length: 400 }, () => {
      const marketOver = 0.3 + random() * 0.4;
      return { gameDate: '2025-01-05', book: 'dk', modelOver: 0.2 + random() * 0.6, marketOver, line: 20.5, mean: 21, over: (random() < marketOver ? 1 : 0) as 0 | 1 };
    });
    const combiner = { id: '7', combiner: MarketCombiner.fit(rows, { asOf: '2025-01-10' }), gameDate: '2025-01-20' };

    it("uses the combined P(over) for edge, EV and the call where both real prices exist, and keeps the model's own beside it", () => {
      const own = pricePrediction(30, request(20.5, -105, -115), probability, 'PRIMARY', quality, options);
      const p = pricePrediction(30, request(20.5, -105, -115, 'dk'), probability, 'PRIMARY', quality, options, combiner);
      expect(p.combinerId).toBe('7');
      expect(p.modelOverProbability).toBe(own.overProbability);
      const market = p.marketOverProbability as number;
      const expected = combiner.combiner.combine({ modelOver: own.overProbability as number, marketOver: market, line: 20.5, mean: 30 }, '2025-01-20');
      expect(p.overProbability).toBeCloseTo(expected, 12);
      expect(Math.abs((p.overProbability as number) - market)).toBeLessThan(Math.abs((own.overProbability as number) - market));
      if (p.recommendation === 'OVER') expect(p.edge).toBeCloseTo((p.overProbability as number) - market, 12);
    });

    it("keeps the model's own probability where a price is missing (no market to combine with)", () => {
      const p = pricePrediction(30, request(20.5, null, -110, 'dk'), probability, 'PRIMARY', quality, options, combiner);
      const own = pricePrediction(30, request(20.5, null, -110), probability, 'PRIMARY', quality, options);
      expect(p.combinerId).toBeNull();
      expect(p.overProbability).toBe(own.overProbability);
      expect(p.modelOverProbability).toBe(own.overProbability);
    });

    it('refuses a combination fitted as of a day after the game', () => {
      expect(() => pricePrediction(30, request(20.5, -110, -110, 'dk'), probability, 'PRIMARY', quality, options, { ...combiner, gameDate: '2025-01-09' })).toThrow(ModelStateError);
    });
  });

  describe("with the other books' consensus", () => {
    // A version-2 combination that learned the other books are informative (consensus weight ~1).
    const rows = Array.from({ length: 2000 }, () => {
      const truth = 0.3 + random() * 0.4;
      const consensusOver = truth;
      const marketOver = Math.min(0.95, Math.max(0.05, truth + (random() - 0.5) * 0.3));
      return { gameDate: '2025-01-05', book: 'dk', modelOver: 0.5, marketOver, consensusOver, line: 20.5, mean: 21, over: (random() < truth ? 1 : 0) as 0 | 1 };
    });
    const combiner = { id: '8', combiner: MarketCombiner.fit(rows, { asOf: '2025-01-10', penalty: 1 }), gameDate: '2025-01-20' };
    const pricedAt = new Date('2025-01-20T23:00:00Z');
    const quote = (book: string, line: number, overPrice: number, underPrice: number, at = '2025-01-20T22:00:00Z') => ({ book, line, overPrice, underPrice, capturedAt: new Date(at) });

    it('feeds the consensus of the other books, captured before pricing, to the combination and stores it', () => {
      const quotes = [quote('dk', 20.5, -105, -115), quote('fd', 20.5, 150, -180), quote('mgm', 20.5, 140, -170), quote('czr', 20.5, -400, 300, '2025-01-20T23:30:00Z')];
      const p = pricePrediction(30, request(20.5, -105, -115, 'dk'), probability, 'PRIMARY', quality, options, combiner, { quotes, pricedAt });
      const consensus = p.consensusOverProbability as number;
      // dk is the priced book and czr was captured after pricing: only fd and mgm count (both lean under).
      expect(consensus).toBeLessThan(0.42);
      const expected = combiner.combiner.combine(
        { modelOver: p.modelOverProbability as number, marketOver: p.marketOverProbability as number, consensusOver: consensus, line: 20.5, mean: 30 },
        '2025-01-20',
      );
      expect(p.overProbability).toBeCloseTo(expected, 12);
      const alone = pricePrediction(30, request(20.5, -105, -115, 'dk'), probability, 'PRIMARY', quality, options, combiner, { quotes: quotes.slice(0, 1), pricedAt });
      expect(alone.consensusOverProbability).toBeNull();
      expect(p.overProbability as number).toBeLessThan(alone.overProbability as number);
    });
  });
});
