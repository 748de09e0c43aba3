import { recommend, type RecommendOptions, type Side } from '@propcast/prediction';
import { InvalidGradingRequestError } from '../errors';

/** Which props a strategy bets: every positive-EV side, or only those with confidence / edge at or above a threshold. */
export type Selector = 'ev' | 'confidence' | 'edge';
/** Stake sizing: a flat stake, or capped fractional Kelly of the bankroll at the start of the day. */
export type Staking = 'flat' | 'kelly';

/** A parsed strategy, e.g. `edge:0.03/kelly`. */
export interface Strategy {
  name: string;
  selector: Selector;
  threshold: number;
  staking: Staking;
}

/** Strategies evaluated when none is given. */
export const DEFAULT_STRATEGIES = ['ev/flat', 'ev/kelly', 'confidence:0.2/flat', 'edge:0.03/flat', 'edge:0.03/kelly'];

/** Kelly sizing of every Kelly strategy (quarter Kelly, at most 5% of the bankroll per bet). */
export const KELLY = { fraction: 0.25, cap: 0.05 } as const;

/**
 * Parses `<selector>[:<threshold>][/<staking>]`: selector `ev`, `confidence` or `edge`; threshold required for
 * confidence (0..1) and edge (-1..1); staking `flat` (default) or `kelly`.
 */
export function parseStrategy(spec: string): Strategy {
  const m = /^\s*(ev|confidence|edge)(?::(-?\d*\.?\d+))?(?:\/(flat|kelly))?\s*$/i.exec(spec);
  if (!m) throw new InvalidGradingRequestError(`strategy "${spec}" is not <ev|confidence:T|edge:T>[/flat|/kelly]`);
  const selector = m[1].toLowerCase() as Selector;
  const staking = (m[3]?.toLowerCase() ?? 'flat') as Staking;
  if (selector === 'ev' && m[2] !== undefined) throw new InvalidGradingRequestError(`strategy "${spec}": ev takes no threshold`);
  if (selector !== 'ev' && m[2] === undefined) throw new InvalidGradingRequestError(`strategy "${spec}": ${selector} needs a threshold, e.g. ${selector}:0.05`);
  const threshold = m[2] === undefined ? 0 : Number(m[2]);
  if (selector === 'confidence' && !(threshold >= 0 && threshold <= 1)) throw new InvalidGradingRequestError(`strategy "${spec}": confidence threshold must be in [0, 1]`);
  if (selector === 'edge' && !(threshold >= -1 && threshold <= 1)) throw new InvalidGradingRequestError(`strategy "${spec}": edge threshold must be in [-1, 1]`);
  const name = `${selector}${selector === 'ev' ? '' : `:${threshold}`}/${staking}`;
  return { name, selector, threshold, staking };
}

/** A priced prop as strategies see it: calibrated probabilities and the two American prices. */
export interface PricedProp {
  pOver: number;
  pUnder: number;
  overPrice: number;
  underPrice: number;
}

/** A bet a strategy places: side, price, and the Kelly share of bankroll it would stake. */
export interface BetDecision {
  side: Side;
  price: number;
  kellyFraction: number;
  expectedValue: number;
  edge: number;
}

/**
 * The bet `strategy` places on `prop`, or null: the higher-EV side when its EV is positive and, for confidence /
 * edge strategies, its signed confidence / edge reaches the threshold (the same rules as the serving recommendation).
 */
export function decideBet(strategy: Strategy, prop: PricedProp): BetDecision | null {
  const options: RecommendOptions = {
    minEdge: strategy.selector === 'edge' ? strategy.threshold : -1,
    minConfidence: strategy.selector === 'confidence' ? strategy.threshold : -1,
    kelly: KELLY,
  };
  const r = recommend({ pOver: prop.pOver, pUnder: prop.pUnder, overOdds: prop.overPrice, underOdds: prop.underPrice }, options);
  if (r.recommendation === 'PASS') return null;
  const side = r.recommendation === 'OVER' ? r.over : r.under;
  return { side: side.side, price: side.odds, kellyFraction: side.kellyFraction, expectedValue: side.expectedValue, edge: side.edge };
}
