import { removeVig } from '@propcast/prediction';
import { closingLineValue } from './closing-line-value';
import { selectLine, type LineSnapshot } from './line-selection';
import { compareWithMarket } from './market-scoring';

const at = (h: number) => new Date(Date.UTC(2024, 0, 10, h));
const snap = (book: string, line: number, h: number, over: number | null = -110, under: number | null = -110): LineSnapshot => ({ book, line, overPrice: over, underPrice: under, capturedAt: at(h) });

describe('line selection', () => {
  const snapshots = [snap('B', 20.5, 9), snap('A', 21.5, 10, -115, -115), snap('C', 21.5, 10, -105, -115), snap('C', 22.5, 14), snap('C', 30.5, 20)];

  it('bets the latest snapshot before the cutoff, lowest overround first, and closes on the same book before tip-off', () => {
    const s = selectLine(snapshots, at(12), at(19))!;
    expect(s.bet).toBe(snapshots[2]);
    expect(s.closing).toBe(snapshots[3]);
    expect(selectLine(snapshots, at(10), at(19))!.bet).toBe(snapshots[0]);
    expect(selectLine(snapshots, at(9), at(19))).toBeNull();
    expect(selectLine(snapshots, at(12), null)!.closing).toBeNull();
  });

  it('measures closing-line value in points and, on unmoved lines, in price', () => {
    const clv = closingLineValue([
      { side: 'OVER', bet: snap('A', 20.5, 10), closing: snap('A', 21.5, 15) },
      { side: 'UNDER', bet: snap('A', 20.5, 10), closing: snap('A', 21.5, 15) },
      { side: 'OVER', bet: snap('A', 20.5, 10, 100, -120), closing: snap('A', 20.5, 15, -120, 100) },
    ]);
    // fair over at the close: (120/220) / (120/220 + 0.5) ; paid +100 implies 0.5
    const fairOver = 120 / 220 / (120 / 220 + 0.5);
    expect(clv).toMatchObject({ bets: 3, priceBets: 1 });
    expect(clv.meanLineClv).toBeCloseTo((1 - 1 + 0) / 3, 12);
    expect(clv.beatCloseShare).toBeCloseTo(2 / 3, 12);
    expect(clv.meanPriceClv).toBeCloseTo(fairOver / 0.5 - 1, 12);
    expect(closingLineValue([])).toEqual({ bets: 0, meanLineClv: null, beatCloseShare: null, priceBets: 0, meanPriceClv: null });
  });

  it('scores model, vig-free market and combination on the same props, per stat and in total', () => {
    const market1 = 0.5;
    const market2 = removeVig(-150, 130).over;
    const m = compareWithMarket([
      { stat: 'THREES', modelOver: 0.7, marketOver: market1, combinedOver: 0.6, familyOver: { residual: 0.7, negbin: 0.65 }, over: 1 },
      { stat: 'THREES', modelOver: 0.4, marketOver: market2, combinedOver: null, familyOver: { residual: 0.4, negbin: 0.45 }, over: 0 },
      { stat: 'PRA', modelOver: 0.5, marketOver: 0.5, combinedOver: 0.55, familyOver: { residual: 0.5 }, over: 1 },
    ])!;
    const threes = m.byStat.THREES;
    expect(threes.model.brier).toBeCloseTo((0.3 ** 2 + 0.4 ** 2) / 2, 12);
    expect(threes.market.brier).toBeCloseTo(((1 - market1) ** 2 + market2 ** 2) / 2, 12);
    expect(threes.market.logLoss).toBeCloseTo(-(Math.log(market1) + Math.log(1 - market2)) / 2, 12);
    // where no combination was fitted the vig-free market (the combination's prior) stands in, not the model
    expect(threes.combined.brier).toBeCloseTo((0.4 ** 2 + market2 ** 2) / 2, 12);
    expect(threes.combinedProps).toBe(1);
    expect(threes.families.negbin?.brier).toBeCloseTo((0.35 ** 2 + 0.45 ** 2) / 2, 12);
    expect(threes.overRate).toBe(0.5);
    expect(m.props).toBe(3);
    // a family not scored on every prop is left out of the total
    expect(m.families.negbin).toBeUndefined();
    expect(m.families.residual?.brier).toBeCloseTo((0.3 ** 2 + 0.4 ** 2 + 0.5 ** 2) / 3, 12);
    expect(compareWithMarket([])).toBeNull();
  });
});
