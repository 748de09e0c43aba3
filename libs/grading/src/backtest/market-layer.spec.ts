import { WalkForwardMarketLayer, DEFAULT_MARKET_LAYER, type GradedRealProp } from './market-layer';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Graded props of `days` January days whose out-of-sample combination was `combinedGood` better or worse than the market. */
function history(days: number, combinedGood: boolean, seed = 1): GradedRealProp[] {
  const u = rng(seed);
  const out: GradedRealProp[] = [];
  for (let d = 1; d <= days; d++) {
    for (let k = 0; k < 40; k++) {
      const truth = 0.3 + 0.4 * u();
      const over = (u() < truth ? 1 : 0) as 0 | 1;
      const marketOver = Math.min(0.95, Math.max(0.05, truth + 0.1 * (u() - 0.5)));
      const combinedOver = combinedGood ? truth : Math.min(0.95, Math.max(0.05, 1 - truth));
      out.push({
        date: `2025-01-${String(d).padStart(2, '0')}`,
        book: 'FanDuel',
        line: 2.5,
        predicted: 2.4,
        marketOver,
        consensusOver: null,
        combinedOver,
        familyOver: { residual: marketOver },
        over,
      });
    }
  }
  return out;
}

describe('WalkForwardMarketLayer guard', () => {
  it('prices with the combination only after it beat the market out of sample on earlier days', () => {
    const good = new WalkForwardMarketLayer({ ...DEFAULT_MARKET_LAYER, combinerPenalty: 10, guard: true });
    history(10, true).forEach((p) => good.record(p));
    good.startDay('2025-01-11', 'residual', ['residual']);
    expect(good.combination).not.toBeNull();
    expect(good.combinationTrusted).toBe(true);

    const bad = new WalkForwardMarketLayer({ ...DEFAULT_MARKET_LAYER, combinerPenalty: 10, guard: true });
    history(10, false).forEach((p) => bad.record(p));
    bad.startDay('2025-01-11', 'residual', ['residual']);
    expect(bad.combination).not.toBeNull();
    expect(bad.combinationTrusted).toBe(false);
    expect(bad.guardDays).toEqual({ combination: 0, market: 1 });

    const unguarded = new WalkForwardMarketLayer({ ...DEFAULT_MARKET_LAYER, combinerPenalty: 10 });
    history(10, false).forEach((p) => unguarded.record(p));
    unguarded.startDay('2025-01-11', 'residual', ['residual']);
    expect(unguarded.combinationTrusted).toBe(true);
  });

  it('judges only on props of days before the priced day (a good record on the day itself does not count)', () => {
    const layer = new WalkForwardMarketLayer({ ...DEFAULT_MARKET_LAYER, combinerPenalty: 10, guard: true });
    const bad = history(10, false);
    // The priced day's own props (and later ones) are perfect for the combination: they must not flip the guard.
    const sameDay = history(12, true, 2).filter((p) => p.date >= '2025-01-11');
    [...bad, ...sameDay].forEach((p) => layer.record(p));
    layer.startDay('2025-01-11', 'residual', ['residual']);
    expect(layer.combinationTrusted).toBe(false);
  });

  it('does not let the combination see the consensus under --no-consensus', () => {
    const layer = new WalkForwardMarketLayer({ ...DEFAULT_MARKET_LAYER, combinerPenalty: 10, consensus: false });
    history(10, true).forEach((p) => layer.record({ ...p, consensusOver: p.over ? 0.9 : 0.1 }));
    layer.startDay('2025-01-11', 'residual', ['residual']);
    expect(layer.combination?.coefficients.consensus).toBe(0);
    const input = { modelOver: 0.5, marketOver: 0.5, line: 2.5, mean: 2.4 };
    expect(layer.combine({ ...input, consensusOver: 0.9 })).toBe(layer.combine(input));
  });
});
