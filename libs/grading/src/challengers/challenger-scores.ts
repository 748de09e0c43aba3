import { betResult, impliedProbabilityFromAmericanOdds, logLoss, profitAtAmericanOdds } from '@propcast/prediction';
import type { EvidenceRow } from './challenger-evidence.repository';
import { oneSidedPairedTest, oneSidedWelchTest } from './paired-test';

/** A model's probabilities and would-be bets on graded real-priced props. */
export interface ModelPriceScores {
  /** Graded real-priced rows (one per book line). */
  rows: number;
  /** Distinct player-games (props). */
  props: number;
  /** Brier / log loss of the probability the model's call used, of its own P(over), and of the vig-free market, on the same rows. */
  brier: number | null;
  logLoss: number | null;
  modelBrier: number | null;
  marketBrier: number | null;
  marketLogLoss: number | null;
  /** The bets it would have made (its own OVER/UNDER at the price; a shadow's are never placed). */
  bets: number;
  wins: number;
  /** Wins / bets; null without bets. */
  winRate: number | null;
  /** Mean implied probability of the prices of its bets (the win rate it needs to break even). */
  breakEven: number | null;
  /** Profit per unit staked. */
  roi: number | null;
}

/** Challenger (or shadow) against the production primary. */
export interface PairComparison {
  /** paired: both priced the same props (shadows); welch: different props (a traffic split), each judged against the market on its own. */
  method: 'paired' | 'welch' | 'none';
  /** Props compared (paired: player-games both priced; welch: the smaller of the two samples). */
  props: number;
  brierChallenger: number | null;
  brierProduction: number | null;
  brierMarket: number | null;
  /** Mean per-prop Brier improvement of the challenger over production (positive: the challenger is better). */
  meanGain: number | null;
  /** One-sided p-value of "the challenger's Brier is lower". */
  pValue: number;
}

const brierOf = (p: number, o: 0 | 1) => (p - o) ** 2;

/** Scores one model's graded real-priced rows: probabilities against the market, and its would-be bets at the prices. */
export function scoreModel(rows: readonly EvidenceRow[]): ModelPriceScores {
  const outcomes = rows.map((r) => r.over);
  const mean = (f: (r: EvidenceRow) => number) => (rows.length ? rows.reduce((s, r) => s + f(r), 0) / rows.length : null);
  let bets = 0;
  let wins = 0;
  let implied = 0;
  let profit = 0;
  for (const r of rows) {
    if (r.wouldBe !== 'OVER' && r.wouldBe !== 'UNDER') continue;
    const result = betResult(r.wouldBe, r.over === 1 ? 'OVER' : 'UNDER');
    const price = r.wouldBe === 'OVER' ? r.overPrice : r.underPrice;
    bets++;
    if (result === 'WIN') wins++;
    implied += impliedProbabilityFromAmericanOdds(price);
    profit += profitAtAmericanOdds(result, price);
  }
  return {
    rows: rows.length,
    props: new Set(rows.map(eventKey)).size,
    brier: mean((r) => brierOf(r.overProbability, r.over)),
    logLoss: rows.length
      ? logLoss(
          rows.map((r) => r.overProbability),
          outcomes,
        )
      : null,
    modelBrier: mean((r) => brierOf(r.modelOverProbability, r.over)),
    marketBrier: mean((r) => brierOf(r.marketOverProbability, r.over)),
    marketLogLoss: rows.length
      ? logLoss(
          rows.map((r) => r.marketOverProbability),
          outcomes,
        )
      : null,
    bets,
    wins,
    winRate: bets ? wins / bets : null,
    breakEven: bets ? implied / bets : null,
    roi: bets ? profit / bets : null,
  };
}

/**
 * Compares a challenger's rows with production's. Where both priced the same book lines (a shadow runs on every prop),
 * the per-prop Brier differences (production minus challenger, averaged over a player-game's books so one outcome
 * counts once) go through a one-sided paired t-test. Where they priced different props (a traffic-split challenger),
 * each prop's Brier minus the market's is compared with a one-sided Welch test.
 */
export function comparePair(challenger: readonly EvidenceRow[], production: readonly EvidenceRow[]): PairComparison {
  const prodByLine = new Map(production.map((r) => [lineKey(r), r]));
  const paired = new Map<string, { gain: number[]; c: number[]; p: number[]; m: number[] }>();
  for (const c of challenger) {
    const p = prodByLine.get(lineKey(c));
    if (!p || p.over !== c.over) continue;
    const key = eventKey(c);
    const e = paired.get(key) ?? { gain: [], c: [], p: [], m: [] };
    const bc = brierOf(c.overProbability, c.over);
    const bp = brierOf(p.overProbability, p.over);
    e.gain.push(bp - bc);
    e.c.push(bc);
    e.p.push(bp);
    e.m.push(brierOf(c.marketOverProbability, c.over));
    paired.set(key, e);
  }
  const avg = (a: readonly number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  if (paired.size > 0) {
    const events = [...paired.values()];
    const test = oneSidedPairedTest(events.map((e) => avg(e.gain)));
    return {
      method: 'paired',
      props: events.length,
      brierChallenger: avg(events.map((e) => avg(e.c))),
      brierProduction: avg(events.map((e) => avg(e.p))),
      brierMarket: avg(events.map((e) => avg(e.m))),
      meanGain: test.mean,
      pValue: test.pValue,
    };
  }
  const excess = (rows: readonly EvidenceRow[]) => {
    const byEvent = new Map<string, number[]>();
    for (const r of rows) byEvent.set(eventKey(r), [...(byEvent.get(eventKey(r)) ?? []), brierOf(r.overProbability, r.over) - brierOf(r.marketOverProbability, r.over)]);
    return [...byEvent.values()].map(avg);
  };
  const x = excess(production);
  const y = excess(challenger);
  if (x.length === 0 || y.length === 0) return { method: 'none', props: 0, brierChallenger: null, brierProduction: null, brierMarket: null, meanGain: null, pValue: 1 };
  const test = oneSidedWelchTest(x, y);
  return {
    method: 'welch',
    props: Math.min(x.length, y.length),
    brierChallenger: scoreModel(challenger).brier,
    brierProduction: scoreModel(production).brier,
    brierMarket: null,
    meanGain: test.mean,
    pValue: test.pValue,
  };
}

function lineKey(r: EvidenceRow): string {
  return `${r.batchId}|${r.playerId}|${r.gameId}|${r.stat}|${r.book}`;
}

function eventKey(r: EvidenceRow): string {
  return `${r.gameDate}|${r.playerId}|${r.gameId}|${r.stat}`;
}
