import { betResult, lineOutcome, profitAtAmericanOdds, recommend, sideConfidence, type RecommendationReason, type RecommendationResult, type RecommendOptions, type Side } from '@propcast/prediction';
import { statValue, type BoxScoreCounts } from '../shared/box-score';
import { isProxyBook, lineSourceOf } from '../shared/line-source';
import type { BestPrice, GameView, Offer, Pick, PickResult } from './pick.types';

/** Flag of a pick priced at a proxy line (a season average at -110/-110, not a market). */
export const PROXY_LINE_FLAG = 'proxy_line';
/** Flag of a pick on a whole-number line whose push probability could not be read from its model (taken as 0). */
export const PUSH_UNKNOWN_FLAG = 'push_unknown';
/** Flag of a pick whose model is not (any more) a production model of its stat, e.g. served while a rollback happened. */
export const MODEL_FALLBACK_FLAG = 'model_fallback';

/** A player's box-score line of a game. */
export interface BoxScoreRow extends BoxScoreCounts {
  dnp: boolean;
  minutes: number;
}

/** What building picks needs besides the offers. */
export interface PickContext {
  options: RecommendOptions;
  /** P(push) of an offer's whole-number line from the model's distribution (half lines never push); null when unknown. */
  pushOf(offer: Offer): number | null;
  games: ReadonlyMap<string, GameView>;
  /** Team id of a player in a game, by `playerId:gameId`. */
  teams: ReadonlyMap<string, number>;
  /** Abbreviation by team id. */
  teamNames: ReadonlyMap<number, string>;
  /** Production models by id; null when unknown (no model_fallback flag then). */
  productionModels: ReadonlySet<string> | null;
  /** Box scores of the day by `playerId:gameId`. */
  boxScores: ReadonlyMap<string, BoxScoreRow>;
  /** Games of the day that have a box score (or are FINAL). */
  playedGames: ReadonlySet<string>;
}

interface PricedOffer {
  offer: Offer;
  pOver: number;
  pUnder: number;
  push: number;
  pushKnown: boolean;
  result: RecommendationResult;
}

/**
 * Picks of a day: offers grouped by prop (player, game, stat, model); each side priced at every book's line with the
 * model's probabilities, the best price per side kept (highest EV; proxy lines only when no real book priced the
 * prop), and the call made on the better side with the worker's gates. Ranked by EV, then edge.
 */
export function buildPicks(offers: readonly Offer[], ctx: PickContext): Pick[] {
  const groups = new Map<string, Offer[]>();
  for (const o of offers) {
    const key = `${o.playerId}|${o.gameId}|${o.stat}|${o.modelId}`;
    const group = groups.get(key);
    if (group) group.push(o);
    else groups.set(key, [o]);
  }
  const picks: Pick[] = [];
  for (const group of groups.values()) picks.push(pickOf(group, ctx));
  return picks.sort(byRank);
}

/** EV descending, then edge, then player and stat: a stable ranking. */
export function byRank(a: Pick, b: Pick): number {
  return b.expectedValue - a.expectedValue || b.edge - a.edge || a.playerId - b.playerId || a.stat.localeCompare(b.stat) || a.modelId.localeCompare(b.modelId);
}

function pickOf(group: readonly Offer[], ctx: PickContext): Pick {
  const real = group.filter((o) => !isProxyBook(o.book));
  const priced = (real.length > 0 ? real : group).map((offer) => price(offer, ctx));
  const over = bestFor('OVER', priced);
  const under = bestFor('UNDER', priced);
  const side: Side = over.result.over.expectedValue >= under.result.under.expectedValue ? 'OVER' : 'UNDER';
  const chosen = side === 'OVER' ? over : under;
  const evaluation = side === 'OVER' ? chosen.result.over : chosen.result.under;
  const overConfidence = sideConfidence(chosen.pOver, chosen.pUnder);
  const reason = gate(evaluation.expectedValue, evaluation.edge, side === 'OVER' ? overConfidence : -overConfidence, ctx.options);
  const call = reason === 'QUALIFIED' ? side : 'PASS';
  const offer = chosen.offer;
  const game = ctx.games.get(offer.gameId);
  const teamId = ctx.teams.get(`${offer.playerId}:${offer.gameId}`);
  const opponentId = game && teamId !== undefined ? (teamId === game.homeTeamId ? game.awayTeamId : game.homeTeamId) : undefined;
  const sidePrice = side === 'OVER' ? offer.overPrice : offer.underPrice;
  const flags = new Set(offer.flags);
  if (sidePrice === null) flags.add('assumed_price');
  if (isProxyBook(offer.book)) flags.add(PROXY_LINE_FLAG);
  if (!chosen.pushKnown) flags.add(PUSH_UNKNOWN_FLAG);
  if (ctx.productionModels && !ctx.productionModels.has(offer.modelId)) flags.add(MODEL_FALLBACK_FLAG);
  return {
    predictionId: offer.predictionId,
    gameId: offer.gameId,
    gameDate: game?.gameDate ?? '',
    matchup: game ? `${game.awayTeam} @ ${game.homeTeam}` : offer.gameId,
    gameStatus: game?.status ?? null,
    tipoffAt: game?.tipoffAt ?? null,
    playerId: offer.playerId,
    playerName: offer.playerName,
    team: teamId === undefined ? null : (ctx.teamNames.get(teamId) ?? null),
    opponent: opponentId === undefined ? null : (ctx.teamNames.get(opponentId) ?? null),
    stat: offer.stat,
    modelId: offer.modelId,
    modelVersion: offer.modelVersion,
    predictedMean: offer.predictedMean,
    call,
    reason,
    side,
    line: offer.line,
    price: evaluation.odds,
    book: offer.book,
    lineSource: lineSourceOf(offer.book),
    modelProbability: evaluation.modelProbability,
    ownProbability: ownSideProbability(offer.modelOverProbability, side, chosen.push),
    modelOverProbability: offer.modelOverProbability,
    marketProbability: evaluation.marketProbability,
    overProbability: chosen.pOver,
    pushProbability: chosen.push,
    edge: evaluation.edge,
    expectedValue: evaluation.expectedValue,
    kellyFraction: call === 'PASS' ? 0 : evaluation.kellyFraction,
    confidence: Math.abs(overConfidence),
    bestOver: bestPrice(over, 'OVER'),
    bestUnder: bestPrice(under, 'UNDER'),
    books: new Set(priced.map((p) => p.offer.book)).size,
    flags: [...flags],
    result: resultOf(offer, call, evaluation.odds, ctx),
  };
}

/** The model's own P(side | no push) from its own P(over) and the push probability at the line (null when not stored). */
function ownSideProbability(modelOver: number | null, side: Side, push: number): number | null {
  if (modelOver === null || !(push < 1)) return null;
  const over = Math.min(Math.max(0, modelOver), 1 - push) / (1 - push);
  return side === 'OVER' ? over : 1 - over;
}

function price(offer: Offer, ctx: PickContext): PricedOffer {
  const whole = Number.isInteger(offer.line) ? ctx.pushOf(offer) : 0;
  const push = whole === null ? 0 : Math.min(1, Math.max(0, whole));
  const pOver = Math.min(Math.max(0, offer.overProbability), 1 - push);
  const pUnder = Math.max(0, 1 - pOver - push);
  const result = recommend({ pOver, pUnder, overOdds: offer.overPrice, underOdds: offer.underPrice }, ctx.options);
  return { offer, pOver, pUnder, push, pushKnown: whole !== null, result };
}

/** The offer with the highest EV on `side` among those with a price for it (all offers, at -110, when none has one). */
function bestFor(side: Side, priced: readonly PricedOffer[]): PricedOffer {
  const withPrice = priced.filter((p) => (side === 'OVER' ? p.offer.overPrice : p.offer.underPrice) !== null);
  const candidates = withPrice.length > 0 ? withPrice : priced;
  const evaluation = (p: PricedOffer) => (side === 'OVER' ? p.result.over : p.result.under);
  return candidates.reduce((best, p) => {
    const a = evaluation(p);
    const b = evaluation(best);
    if (a.expectedValue !== b.expectedValue) return a.expectedValue > b.expectedValue ? p : best;
    if (a.odds !== b.odds) return decimal(a.odds) > decimal(b.odds) ? p : best;
    return p.offer.book < best.offer.book ? p : best;
  });
}

function bestPrice(p: PricedOffer, side: Side): BestPrice {
  const e = side === 'OVER' ? p.result.over : p.result.under;
  return { book: p.offer.book, line: p.offer.line, price: e.odds, expectedValue: e.expectedValue, edge: e.edge, lineSource: lineSourceOf(p.offer.book) };
}

/** The worker's gates (libs/prediction `recommend`) applied to the chosen side at its best price. */
function gate(expectedValue: number, edge: number, confidence: number, options: RecommendOptions): RecommendationReason {
  if (!(expectedValue > (options.minExpectedValue ?? 0))) return 'NO_POSITIVE_EV';
  if (edge < options.minEdge) return 'EDGE_BELOW_MIN';
  if (confidence < options.minConfidence) return 'CONFIDENCE_BELOW_MIN';
  return 'QUALIFIED';
}

function resultOf(offer: Offer, call: Pick['call'], odds: number, ctx: PickContext): PickResult | null {
  const key = `${offer.playerId}:${offer.gameId}`;
  if (!ctx.playedGames.has(offer.gameId)) return null;
  const box = ctx.boxScores.get(key);
  const played = box !== undefined && !box.dnp && box.minutes > 0;
  const actual = played ? statValue(offer.stat, box) : null;
  if (played && actual === null) return null;
  const outcome = lineOutcome(actual, offer.line);
  const result = betResult(call, outcome);
  return { actual, outcome, result, profitPerUnit: profitAtAmericanOdds(result, odds) };
}

function decimal(american: number): number {
  return american > 0 ? 1 + american / 100 : 1 + 100 / -american;
}
