import { InsufficientDataError, InvalidInputError, ModelStateError } from '../errors';
import { MarketCombiner, type CombinerFitRow } from './market-combiner';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Props whose true P(over) is sigmoid(0.5 logit(model) + 0.5 logit(market)): both carry information. */
function props(n: number, seed: number, date = (i: number) => `2025-01-${String(1 + (i % 28)).padStart(2, '0')}`): CombinerFitRow[] {
  const u = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const truth = -1.2 + 2.4 * u();
    const modelOver = sigmoid(truth + 0.8 * (u() - 0.5));
    const marketOver = sigmoid(truth + 0.8 * (u() - 0.5));
    const p = sigmoid(0.5 * logit(modelOver) + 0.5 * logit(marketOver));
    return { gameDate: date(i), book: 'DraftKings', modelOver, marketOver, line: 2.5, mean: 2.4, over: u() < p ? 1 : 0 };
  });
}

describe('MarketCombiner', () => {
  it('learns how much to trust model and market from graded real-priced props', () => {
    const c = MarketCombiner.fit(props(20000, 1), { asOf: '2025-02-01', penalty: 1 });
    expect(c.coefficients.model).toBeGreaterThan(0.3);
    expect(c.coefficients.market).toBeGreaterThan(0.3);
    expect(c.fit.logLoss).toBeLessThan(c.fit.marketLogLoss);
    expect(c.fit).toMatchObject({ rows: 20000, from: '2025-01-01', to: '2025-01-28', asOf: '2025-02-01' });
    const p = c.combine({ modelOver: 0.7, marketOver: 0.5, line: 2.5, mean: 2.4 }, '2025-02-01');
    expect(p).toBeGreaterThan(0.5);
    expect(p).toBeLessThan(0.7);
  });

  it('stays at the market with few rows (the penalty pulls towards the market alone)', () => {
    const c = MarketCombiner.fit(props(10, 2), { asOf: '2025-02-01', minRows: 1, penalty: 1000 });
    expect(c.combine({ modelOver: 0.9, marketOver: 0.4, line: 2.5, mean: 2.4 }, '2025-03-01')).toBeCloseTo(0.4, 2);
  });

  it('is never fitted on a prop graded on or after the day it prices', () => {
    const earlier = props(3000, 3, (i) => `2025-01-${String(1 + (i % 20)).padStart(2, '0')}`);
    // Adversarial later props: outcomes exactly opposite to the model, dated on and after the pricing day.
    const later = props(3000, 4, (i) => (i % 2 ? '2025-01-21' : '2025-02-10')).map((r) => ({ ...r, over: (r.modelOver > 0.5 ? 0 : 1) as 0 | 1 }));
    const withLater = MarketCombiner.fit([...later, ...earlier], { asOf: '2025-01-21' });
    const withoutLater = MarketCombiner.fit(earlier, { asOf: '2025-01-21' });
    expect(withLater.coefficients).toEqual(withoutLater.coefficients);
    expect(withLater.fit.rows).toBe(3000);
    expect(withLater.fit.to < withLater.fit.asOf).toBe(true);
    // ... nor used on a day before its asOf (its rows could include that day's props)
    expect(() => withLater.combine({ modelOver: 0.5, marketOver: 0.5, line: 2.5, mean: 2 }, '2025-01-20')).toThrow(ModelStateError);
    expect(() => withLater.combine({ modelOver: 0.5, marketOver: 0.5, line: 2.5, mean: 2 }, '2025-01-21')).not.toThrow();
  });

  it('refuses proxy lines, naming the row; needs minRows before asOf', () => {
    const rows = props(300, 5);
    rows[7] = { ...rows[7], book: 'PROXY' };
    expect(() => MarketCombiner.fit(rows, { asOf: '2025-02-01' })).toThrow(InvalidInputError);
    expect(() => MarketCombiner.fit(rows, { asOf: '2025-02-01' })).toThrow(/rows\[7\]\.book/);
    expect(() => MarketCombiner.fit(props(300, 5), { asOf: '2025-01-02' })).toThrow(InsufficientDataError);
  });

  it('round-trips through JSON and rejects a state whose rows reach its asOf', () => {
    const c = MarketCombiner.fit(props(500, 6), { asOf: '2025-02-01' });
    const restored = MarketCombiner.fromJSON(JSON.parse(JSON.stringify(c.toJSON())));
    const input = { modelOver: 0.62, marketOver: 0.55, line: 3.5, mean: 3.1 };
    expect(restored.combine(input, '2025-02-02')).toBe(c.combine(input, '2025-02-02'));
    const bad = { ...c.toJSON(), fit: { ...c.toJSON().fit, to: '2025-02-01' } };
    expect(() => MarketCombiner.fromJSON(bad)).toThrow(ModelStateError);
  });

  it("learns a weight for the other books' consensus when it carries information beyond the priced book", () => {
    const u = rng(7);
    const rows: CombinerFitRow[] = Array.from({ length: 20000 }, (_, i) => {
      const truth = -1 + 2 * u();
      // The priced book is noisier than the consensus of the others; the outcome follows the truth.
      const marketOver = sigmoid(truth + 1.2 * (u() - 0.5));
      const consensusOver = sigmoid(truth + 0.4 * (u() - 0.5));
      return { gameDate: `2025-01-${String(1 + (i % 28)).padStart(2, '0')}`, book: 'DraftKings', modelOver: 0.5, marketOver, consensusOver, line: 24.5, mean: 24, over: u() < sigmoid(truth) ? 1 : 0 };
    });
    const c = MarketCombiner.fit(rows, { asOf: '2025-02-01', penalty: 1 });
    expect(c.coefficients.consensus).toBeGreaterThan(0.3);
    expect(c.fit.logLoss).toBeLessThan(c.fit.marketLogLoss);
    expect(c.toJSON().version).toBe(2);
    // A prop without other books: the consensus term is zero, so it is priced as the model + market combination.
    const lone = { modelOver: 0.5, marketOver: 0.6, line: 24.5, mean: 24 };
    expect(c.combine({ ...lone, consensusOver: null }, '2025-02-01')).toBe(c.combine(lone, '2025-02-01'));
    expect(c.combine({ ...lone, consensusOver: 0.7 }, '2025-02-01')).toBeGreaterThan(c.combine(lone, '2025-02-01'));
    expect(() => c.combine({ ...lone, consensusOver: 1.5 }, '2025-02-01')).toThrow(/input\.consensusOver/);
  });

  it('still loads a stored version-1 state (no consensus term) and prices as before', () => {
    const v1 = {
      kind: 'market-combiner',
      version: 1,
      coefficients: { intercept: 0.01, model: 0.2, market: 0.9, gap: -0.05 },
      fit: { rows: 900, from: '2025-01-01', to: '2025-01-20', asOf: '2025-01-21', penalty: 10, logLoss: 0.68, marketLogLoss: 0.69 },
    };
    const c = MarketCombiner.fromJSON(v1);
    expect(c.coefficients.consensus).toBe(0);
    const input = { modelOver: 0.6, marketOver: 0.55, line: 2.5, mean: 2.2 };
    const z = 0.01 + 0.2 * logit(0.6) + 0.9 * logit(0.55) - 0.05 * ((2.5 - 2.2) / Math.sqrt(3.2));
    expect(c.combine({ ...input, consensusOver: 0.8 }, '2025-01-21')).toBeCloseTo(sigmoid(z), 12);
  });
});
