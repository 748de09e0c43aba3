import { compareWithMarket, type MarketScoredProp } from './market-scoring';

const prop = (stat: string, modelOver: number, marketOver: number, combinedOver: number | null, over: 0 | 1): MarketScoredProp => ({
  stat,
  modelOver,
  marketOver,
  combinedOver,
  familyOver: { residual: modelOver },
  over,
});

describe('compareWithMarket', () => {
  it('scores the combination against the market on exactly the props a fitted combination priced, beside the all-props columns', () => {
    const props = [prop('THREES', 0.9, 0.6, null, 0), prop('THREES', 0.5, 0.4, 0.3, 0), prop('THREES', 0.5, 0.7, 0.8, 1), prop('PRA', 0.5, 0.5, null, 1)];
    const m = compareWithMarket(props)!;
    const threes = m.byStat['THREES'];
    // all props: the market's 0.6 (the combination's prior), not the model's 0.9, stands in for the unfitted first prop
    expect(threes.combined.brier).toBeCloseTo((0.36 + 0.09 + 0.04) / 3, 12);
    expect(threes.combinedProps).toBe(2);
    expect(threes.fitted?.props).toBe(2);
    expect(threes.fitted?.combined.brier).toBeCloseTo((0.09 + 0.04) / 2, 12);
    expect(threes.fitted?.market.brier).toBeCloseTo((0.16 + 0.09) / 2, 12);
    // paired differences market minus combined: 0.16 - 0.09 and 0.09 - 0.04, mean 0.06, sd 0.01414, t = 6, df 1
    expect(threes.fitted?.brierGain).toBeCloseTo(0.06, 12);
    expect(threes.fitted?.pValue).toBeCloseTo(0.0525685, 6); // scipy.stats.t.sf(6, 1)
    expect(m.byStat['PRA'].fitted).toBeNull();
    expect(m.fitted?.props).toBe(2);
  });
});
