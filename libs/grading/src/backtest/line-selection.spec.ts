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

  it('scores the model and the vig-free market on the same props', () => {
    const m = compareWithMarket([
      { modelOver: 0.7, overPrice: -110, underPrice: -110, over: 1 },
      { modelOver: 0.4, overPrice: -150, underPrice: 130, over: 0 },
    ])!;
    const market1 = 0.5;
    const market2 = (150 / 250) / (150 / 250 + 100 / 230);
    expect(m.model.brier).toBeCloseTo((0.3 ** 2 + 0.4 ** 2) / 2, 12);
    expect(m.market.brier).toBeCloseTo(((1 - market1) ** 2 + market2 ** 2) / 2, 12);
    expect(m.market.logLoss).toBeCloseTo(-(Math.log(market1) + Math.log(1 - market2)) / 2, 12);
    expect(m.overRate).toBe(0.5);
    expect(compareWithMarket([])).toBeNull();
  });
});
