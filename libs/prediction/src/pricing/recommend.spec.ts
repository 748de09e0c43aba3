import { recommend } from './recommend';

const gates = { minEdge: 0.03, minConfidence: 0.05 };

describe('recommend', () => {
  it('bets the over when edge, EV and confidence clear the gates', () => {
    const r = recommend({ pOver: 0.58, pUnder: 0.42, overOdds: -110, underOdds: -110 }, gates);
    expect(r.recommendation).toBe('OVER');
    expect(r.reason).toBe('QUALIFIED');
    expect(r.flags).toEqual([]);
    expect(r.over.marketProbability).toBeCloseTo(0.5, 12);
    expect(r.over.edge).toBeCloseTo(0.08, 12);
    expect(r.over.expectedValue).toBeCloseTo(0.58 * (100 / 110) - 0.42, 12);
    expect(r.over.kellyFraction).toBeGreaterThan(0);
    expect(r.under.kellyFraction).toBe(0);
    expect(r.confidence).toBeCloseTo(0.16, 12);
  });

  it('bets the under symmetrically', () => {
    const r = recommend({ pOver: 0.4, pUnder: 0.6, overOdds: -110, underOdds: -110 }, gates);
    expect(r.recommendation).toBe('UNDER');
    expect(r.under.edge).toBeCloseTo(0.1, 12);
  });

  it('passes with NO_POSITIVE_EV when the juice eats the edge', () => {
    const r = recommend({ pOver: 0.52, pUnder: 0.48, overOdds: -110, underOdds: -110 }, gates);
    expect(r).toMatchObject({ recommendation: 'PASS', reason: 'NO_POSITIVE_EV' });
  });

  it('passes with EDGE_BELOW_MIN when EV is positive but edge small', () => {
    const r = recommend({ pOver: 0.55, pUnder: 0.45, overOdds: 100, underOdds: -120 }, { minEdge: 0.08, minConfidence: 0 });
    // vig-free over = 0.5 / (0.5 + 0.545455) = 0.478261 → edge 0.071739
    expect(r.over.edge).toBeCloseTo(0.071739, 6);
    expect(r.over.expectedValue).toBeCloseTo(0.1, 12);
    expect(r).toMatchObject({ recommendation: 'PASS', reason: 'EDGE_BELOW_MIN' });
  });

  it('passes with CONFIDENCE_BELOW_MIN on a value bet the model does not favour', () => {
    // Market 0.35 on the over, model 0.45: value on the over, but the model leans under.
    const r = recommend({ pOver: 0.45, pUnder: 0.55, overOdds: 170, underOdds: -220 }, gates);
    expect(r.over.edge).toBeGreaterThan(0.05);
    expect(r).toMatchObject({ recommendation: 'PASS', reason: 'CONFIDENCE_BELOW_MIN' });
    expect(recommend({ pOver: 0.45, pUnder: 0.55, overOdds: 170, underOdds: -220 }, { minEdge: 0.03, minConfidence: -1 }).recommendation).toBe('OVER');
  });

  it('assumes -110 when a price is missing and flags it', () => {
    const r = recommend({ pOver: 0.6, pUnder: 0.4, overOdds: null }, gates);
    expect(r.flags).toEqual(['assumed_price']);
    expect(r.over.odds).toBe(-110);
    expect(r.over.expectedValue).toBeCloseTo(0.6 * (100 / 110) - 0.4, 12);
    expect(r.recommendation).toBe('OVER');
  });

  it('accounts for pushes: model probabilities conditional on no push, EV refunds pushes', () => {
    const r = recommend({ pOver: 0.5, pUnder: 0.4, overOdds: -110, underOdds: -110 }, gates);
    expect(r.over.modelProbability).toBeCloseTo(0.5 / 0.9, 12);
    expect(r.over.expectedValue).toBeCloseTo(0.5 * (100 / 110) - 0.4, 12);
  });
});
