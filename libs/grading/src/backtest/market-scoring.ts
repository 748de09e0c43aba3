import { brierScore, logLoss, type DistributionFamily } from '@propcast/prediction';
import { oneSidedPairedTest } from '../challengers/paired-test';

/** A prop with a real line and both prices, and how it ended. */
export interface MarketScoredProp {
  stat: string;
  /** Model probability of over given no push (the family chosen walk-forward). */
  modelOver: number;
  /** Vig-free market probability of over. */
  marketOver: number;
  /** Combined probability; null before the first combination was fitted (the vig-free market, its prior, stood in). */
  combinedOver: number | null;
  /** The combination whether or not the walk-forward guard used it (null: none fitted yet); absent: same as combinedOver. */
  unguardedOver?: number | null;
  /** Other books' consensus P(over) at this line (null: none quoted before the cutoff; scored as the market then). */
  consensusOver?: number | null;
  /** P(over | no push) under every fitted family. */
  familyOver: Partial<Record<DistributionFamily, number>>;
  /** 1 over, 0 under (pushes and voids are not scored). */
  over: 0 | 1;
}

/** Brier score and log loss of one forecaster. */
export interface Score {
  brier: number;
  logLoss: number;
}

/** Model, vig-free market and combination scored on the same props. */
export interface MarketScores {
  props: number;
  model: Score;
  market: Score;
  /** The probability bets were decided on: the combination, or the vig-free market where no combination was fitted yet. */
  combined: Score;
  /** The other books' consensus (the market where no other book quoted). */
  consensus: Score;
  /** Props with a consensus of at least one other book. */
  consensusProps: number;
  /** The combination before the guard (the market where none was fitted yet). */
  unguarded: Score;
  /** Props priced by a fitted combination. */
  combinedProps: number;
  /**
   * The combination and the market on exactly the props a fitted combination priced (null when none), with a one-sided
   * paired t-test of "the combination's Brier is lower" on the per-prop differences (market minus combined).
   */
  fitted: { props: number; combined: Score; market: Score; brierGain: number; pValue: number } | null;
  /** Every distribution family on the same props (walk-forward fits; `model` is the walk-forward choice among them). */
  families: Partial<Record<DistributionFamily, Score>>;
  /** Share of the props that went over. */
  overRate: number;
}

/** Scores over all stats, and per stat. */
export interface MarketComparison extends MarketScores {
  byStat: Record<string, MarketScores>;
}

/** Scores of model, market, combination and every family on real-priced props, overall and per stat; null when none. */
export function compareWithMarket(props: readonly MarketScoredProp[]): MarketComparison | null {
  if (props.length === 0) return null;
  const byStat: Record<string, MarketScores> = {};
  for (const stat of [...new Set(props.map((p) => p.stat))].sort()) byStat[stat] = scores(props.filter((p) => p.stat === stat));
  return { ...scores(props), byStat };
}

function scores(props: readonly MarketScoredProp[]): MarketScores {
  const outcomes = props.map((p) => p.over);
  const score = (p: number[]): Score => ({ brier: brierScore(p, outcomes), logLoss: logLoss(p, outcomes) });
  const families: Partial<Record<DistributionFamily, Score>> = {};
  const all = new Set(props.flatMap((p) => Object.keys(p.familyOver) as DistributionFamily[]));
  for (const f of all) {
    if (props.every((p) => p.familyOver[f] !== undefined)) families[f] = score(props.map((p) => p.familyOver[f] as number));
  }
  return {
    props: props.length,
    model: score(props.map((p) => p.modelOver)),
    market: score(props.map((p) => p.marketOver)),
    combined: score(props.map((p) => p.combinedOver ?? p.marketOver)),
    consensus: score(props.map((p) => p.consensusOver ?? p.marketOver)),
    consensusProps: props.filter((p) => p.consensusOver !== undefined && p.consensusOver !== null).length,
    unguarded: score(props.map((p) => (p.unguardedOver === undefined ? p.combinedOver : p.unguardedOver) ?? p.marketOver)),
    combinedProps: props.filter((p) => p.combinedOver !== null).length,
    fitted: fittedScores(props),
    families,
    overRate: outcomes.reduce<number>((s, o) => s + o, 0) / props.length,
  };
}

function fittedScores(props: readonly MarketScoredProp[]): MarketScores['fitted'] {
  const fitted = props.filter((p) => p.combinedOver !== null);
  if (fitted.length === 0) return null;
  const outcomes = fitted.map((p) => p.over);
  const score = (p: number[]): Score => ({ brier: brierScore(p, outcomes), logLoss: logLoss(p, outcomes) });
  const test = oneSidedPairedTest(fitted.map((p) => (p.marketOver - p.over) ** 2 - ((p.combinedOver as number) - p.over) ** 2));
  return {
    props: fitted.length,
    combined: score(fitted.map((p) => p.combinedOver as number)),
    market: score(fitted.map((p) => p.marketOver)),
    brierGain: test.mean,
    pValue: test.pValue,
  };
}
