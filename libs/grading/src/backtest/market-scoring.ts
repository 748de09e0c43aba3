import { brierScore, logLoss, removeVig } from '@propcast/prediction';

/** A prop with a real line and both prices, and how it ended. */
export interface MarketScoredProp {
  /** Model probability of over given no push. */
  modelOver: number;
  overPrice: number;
  underPrice: number;
  /** 1 over, 0 under (pushes and voids are not scored). */
  over: 0 | 1;
}

/** Model and vig-free market scored on the same props. */
export interface MarketComparison {
  props: number;
  model: { brier: number; logLoss: number };
  market: { brier: number; logLoss: number };
  /** Share of the props that went over. */
  overRate: number;
}

/** Brier score and log loss of the model's over-probability beside the vig-free market's on the same props; null when none. */
export function compareWithMarket(props: readonly MarketScoredProp[]): MarketComparison | null {
  if (props.length === 0) return null;
  const outcomes = props.map((p) => p.over);
  const model = props.map((p) => p.modelOver);
  const market = props.map((p) => removeVig(p.overPrice, p.underPrice).over);
  return {
    props: props.length,
    model: { brier: brierScore(model, outcomes), logLoss: logLoss(model, outcomes) },
    market: { brier: brierScore(market, outcomes), logLoss: logLoss(market, outcomes) },
    overRate: outcomes.reduce<number>((s, o) => s + o, 0) / props.length,
  };
}
