import { betResult, maxDrawdown, profitAtAmericanOdds, sharpe, type BetResult, type LineOutcome, type Side } from '@propcast/prediction';
import type { Staking } from './strategies';

/** A bet placed on a day, before settlement. */
export interface PlacedBet {
  side: Side;
  price: number;
  /** Kelly share of bankroll (used by Kelly staking). */
  kellyFraction: number;
  /** How the prop ended against its line. */
  outcome: LineOutcome;
}

/** A bet after settlement. */
export interface SettledBet extends PlacedBet {
  stake: number;
  result: BetResult;
  profit: number;
}

/** One day of a bankroll simulation. */
export interface BankrollDay {
  date: string;
  bets: number;
  staked: number;
  profit: number;
  /** Bankroll at the end of the day. */
  bankroll: number;
  /** Kelly: profit / bankroll at the start of the day; flat: profit / initial bankroll. */
  dailyReturn: number;
}

/** Staking parameters of a simulation. */
export interface BankrollOptions {
  initialBankroll: number;
  /** Units staked per bet by flat staking. */
  flatStake: number;
  /** Kelly staking: the day's stakes are scaled down together to at most this share of the bankroll at the start of the day. */
  maxDailyExposure: number;
}

/** Summary of a finished simulation. */
export interface BankrollSummary {
  days: BankrollDay[];
  finalBankroll: number;
  /** Largest fall of the end-of-day bankroll from its running peak (initial bankroll included), in units. */
  maxDrawdown: number;
  /** The same fall as a share of the peak it fell from. */
  maxDrawdownShare: number;
  /** Sharpe ratio of the daily returns of days with bets (not annualised); null with fewer than two such days. */
  sharpe: number | null;
}

/**
 * Settles days of bets in order. Flat staking stakes `flatStake` units per bet and the bankroll is the initial
 * bankroll plus the running profit in units (it may go below zero). Kelly staking stakes kellyFraction x the bankroll
 * at the start of the day, scaled down together when the day's stakes would exceed maxDailyExposure x that bankroll.
 */
export class BankrollSimulator {
  private bankroll: number;
  private readonly days: BankrollDay[] = [];

  constructor(
    private readonly staking: Staking,
    private readonly options: BankrollOptions,
  ) {
    this.bankroll = options.initialBankroll;
  }

  /** Stakes and settles one day's bets; returns them settled. */
  settleDay(date: string, bets: readonly PlacedBet[]): SettledBet[] {
    const start = this.bankroll;
    const flat = this.staking === 'flat';
    const raw = bets.map((b) => (flat ? this.options.flatStake : b.kellyFraction * start));
    const total = raw.reduce((s, x) => s + x, 0);
    const limit = Math.max(0, start) * this.options.maxDailyExposure;
    const scale = !flat && total > limit ? limit / total : 1;
    let profit = 0;
    let staked = 0;
    const settled = bets.map((b, i) => {
      const stake = raw[i] * scale;
      const result = betResult(b.side, b.outcome);
      const p = profitAtAmericanOdds(result, b.price, stake);
      profit += p;
      staked += stake;
      return { ...b, stake, result, profit: p };
    });
    this.bankroll = start + profit;
    const base = flat ? this.options.initialBankroll : start;
    this.days.push({ date, bets: bets.length, staked, profit, bankroll: this.bankroll, dailyReturn: base > 0 ? profit / base : 0 });
    return settled;
  }

  /** The bankroll curve and its drawdown and Sharpe ratio so far. */
  summary(): BankrollSummary {
    const curve = [this.options.initialBankroll, ...this.days.map((d) => d.bankroll)];
    const s = sharpe(this.days.filter((d) => d.bets > 0).map((d) => d.dailyReturn));
    return {
      days: [...this.days],
      finalBankroll: this.bankroll,
      maxDrawdown: maxDrawdown(curve),
      maxDrawdownShare: drawdownShare(curve),
      sharpe: Number.isFinite(s) ? s : null,
    };
  }
}

/** Largest fall from a running peak as a share of that peak. */
function drawdownShare(curve: readonly number[]): number {
  let peak = -Infinity;
  let worst = 0;
  for (const v of curve) {
    peak = Math.max(peak, v);
    if (peak > 0) worst = Math.max(worst, (peak - v) / peak);
  }
  return worst;
}
