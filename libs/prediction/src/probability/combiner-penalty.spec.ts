import { InvalidInputError } from '../errors';
import { choosePenaltyWalkForward, fitMarketCombinerWalkForward } from './combiner-penalty';
import { MarketCombiner, type CombinerFitRow } from './market-combiner';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const day = (i: number, perDay: number) => {
  const d = new Date(Date.UTC(2025, 0, 1) + Math.floor(i / perDay) * 86_400_000);
  return d.toISOString().slice(0, 10);
};

/** Props whose outcome follows `truth(model, market)`; the model is noise around the truth with weight `modelInfo`. */
function props(n: number, seed: number, modelInfo: number): CombinerFitRow[] {
  const u = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const market = -1 + 2 * u();
    const hidden = 1.2 * (u() - 0.5);
    const modelOver = sigmoid(market + hidden + 0.6 * (u() - 0.5));
    const p = sigmoid(market + modelInfo * hidden);
    return { gameDate: day(i, 40), book: 'FanDuel', modelOver, marketOver: sigmoid(market), line: 2.5, mean: 2.4, over: u() < p ? 1 : 0 };
  });
}

describe('choosePenaltyWalkForward', () => {
  it('keeps the combination at the market when the model carries no information the market lacks', () => {
    const choice = choosePenaltyWalkForward(props(4000, 1, 0), { asOf: '2025-06-01' });
    expect(choice.scoredRows).toBeGreaterThan(3000);
    expect(choice.penalty).toBeGreaterThanOrEqual(1000);
  });

  it('lets the model in when it does carry information', () => {
    const choice = choosePenaltyWalkForward(props(4000, 2, 3), { asOf: '2025-06-01' });
    expect(choice.penalty).toBeLessThanOrEqual(100);
    const losses = choice.candidates.map((c) => c.logLoss as number);
    expect(Math.min(...losses)).toBeLessThan(losses[losses.length - 1]);
  });

  it('takes the largest penalty (closest to the market) when too few rows exist to score a fold', () => {
    const choice = choosePenaltyWalkForward(props(150, 3, 3), { asOf: '2025-06-01' });
    expect(choice).toMatchObject({ penalty: 100000, scoredRows: 0, folds: 0 });
  });

  it('never reads a prop dated on or after asOf, in the choice or in the fit', () => {
    const earlier = props(3000, 4, 3).filter((r) => r.gameDate < '2025-03-01');
    const later = props(3000, 5, 0).map((r) => ({ ...r, gameDate: r.gameDate < '2025-02-01' ? '2025-03-01' : '2025-04-01', over: (r.modelOver > 0.5 ? 0 : 1) as 0 | 1 }));
    const a = fitMarketCombinerWalkForward([...later, ...earlier], { asOf: '2025-03-01' });
    const b = fitMarketCombinerWalkForward(earlier, { asOf: '2025-03-01' });
    expect(a.toJSON()).toEqual(b.toJSON());
    expect(a.fit.to < '2025-03-01').toBe(true);
    expect(a.fit.penaltyChoice?.scoredRows).toBeGreaterThan(0);
    // the stored state round-trips with its choice
    expect(MarketCombiner.fromJSON(JSON.parse(JSON.stringify(a.toJSON()))).fit.penaltyChoice).toEqual(a.fit.penaltyChoice);
  });

  it('refuses bad candidates and folds', () => {
    expect(() => choosePenaltyWalkForward([], { asOf: '2025-01-01', candidates: [-1] })).toThrow(InvalidInputError);
    expect(() => choosePenaltyWalkForward([], { asOf: '2025-01-01', folds: 0 })).toThrow(InvalidInputError);
  });
});
