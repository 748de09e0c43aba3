import { BankrollSimulator } from './bankroll';

describe('BankrollSimulator', () => {
  it('settles flat stakes day by day with drawdown and Sharpe by hand', () => {
    const sim = new BankrollSimulator('flat', { initialBankroll: 10, flatStake: 1, maxDailyExposure: 0.25 });
    const win = { side: 'OVER' as const, price: 100, kellyFraction: 0, outcome: 'OVER' as const };
    const loss = { ...win, outcome: 'UNDER' as const };
    const push = { ...win, outcome: 'PUSH' as const };
    expect(sim.settleDay('d1', [win, win]).map((b) => b.profit)).toEqual([1, 1]);
    sim.settleDay('d2', [loss, loss, loss, push]);
    sim.settleDay('d3', []);
    sim.settleDay('d4', [win]);
    const s = sim.summary();
    expect(s.days.map((d) => d.bankroll)).toEqual([12, 9, 9, 10]);
    expect(s.days.map((d) => d.staked)).toEqual([2, 4, 0, 1]);
    expect(s.finalBankroll).toBe(10);
    expect(s.maxDrawdown).toBe(3);
    expect(s.maxDrawdownShare).toBeCloseTo(3 / 12, 12);
    // flat: daily returns of betting days against the initial bankroll: 2/10, -3/10, 1/10
    const r = [0.2, -0.3, 0.1];
    const mean = r.reduce((a, x) => a + x, 0) / 3;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / 2);
    expect(s.sharpe).toBeCloseTo(mean / sd, 12);
  });

  it('keeps flat stakes flat even past the bankroll: the curve is units won or lost', () => {
    const sim = new BankrollSimulator('flat', { initialBankroll: 2, flatStake: 1, maxDailyExposure: 0.25 });
    const loss = { side: 'OVER' as const, price: -110, kellyFraction: 0, outcome: 'UNDER' as const };
    sim.settleDay('d1', [loss, loss, loss]);
    expect(sim.summary()).toMatchObject({ finalBankroll: -1, maxDrawdown: 3 });
  });

  it('sizes Kelly stakes from the bankroll at the start of the day, capped by the daily exposure', () => {
    const sim = new BankrollSimulator('kelly', { initialBankroll: 100, flatStake: 1, maxDailyExposure: 0.25 });
    const bet = { side: 'UNDER' as const, price: -110, kellyFraction: 0.05, outcome: 'UNDER' as const };
    const [settled] = sim.settleDay('d1', [bet]);
    expect(settled.stake).toBe(5);
    expect(settled.profit).toBeCloseTo(5 * (100 / 110), 12);
    // 40 bets of 5% would stake twice the bankroll: scaled to 25% of it
    const many = sim.settleDay(
      'd2',
      Array.from({ length: 40 }, () => ({ ...bet, outcome: 'VOID' as const })),
    );
    expect(many.reduce((a, b) => a + b.stake, 0)).toBeCloseTo(0.25 * (100 + 5 * (100 / 110)), 9);
    expect(many.every((b) => b.result === 'VOID' && b.profit === 0)).toBe(true);
  });
});
