import type { RegisteredModelsRepository } from '@propcast/model-registry';
import { z } from 'zod';
import type { RecommendOptions } from '@propcast/prediction';
import { NotFoundError } from '../errors';
import type { GamesRepository } from '../games/games.repository';
import type { DistributionSource, PropDistribution } from '../pricing/distribution-source';
import { DateParam, FormatParam, NumberParam, parseParams, PositiveIntParam, StatParam, TextParam } from '../shared/params';
import { buildPicks } from './build-picks';
import type { Offer, Pick } from './pick.types';
import type { PicksRepository } from './picks.repository';
import type { ReadModelRepositories } from '../composition/read-model-repositories';

/** Which calls a picks query returns: BET = OVER or UNDER (the default), ALL includes PASS. */
export const CALLS = ['BET', 'OVER', 'UNDER', 'PASS', 'ALL'] as const;
export type CallFilter = (typeof CALLS)[number];

const IncludeParam = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim().toLowerCase())
      .filter((x) => x !== ''),
  )
  .pipe(z.array(z.enum(['history', 'distribution'], { error: 'must list history and/or distribution' })));

/** Query of GET /picks (and `propcast picks`). */
export const PicksQuerySchema = z.strictObject({
  date: DateParam,
  stat: StatParam.optional(),
  minEdge: NumberParam.optional(),
  book: TextParam.optional(),
  game: z
    .string()
    .regex(/^\d{10}$/, 'must be a 10-digit NBA game id')
    .optional(),
  call: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.enum(CALLS, { error: `must be one of ${CALLS.join(', ')}` }))
    .default('BET'),
  limit: PositiveIntParam.max(100_000, { error: 'must be at most 100000' }).optional(),
  include: IncludeParam.default(['history']),
  format: FormatParam,
});

export type PicksQuery = z.input<typeof PicksQuerySchema>;

/** The picks of a date. */
export interface PicksList {
  date: string;
  call: CallFilter;
  /** How many of the listed picks are priced at real books' lines and how many at PROXY lines. */
  lineSources: { REAL: number; PROXY: number };
  /** The gates the calls were made with (the worker's). */
  gates: { minEdge: number; minConfidence: number };
  picks: Pick[];
}

/**
 * GET /picks: the props of a date ranked by EV at the best available price across books, with model and vig-free
 * market probabilities, edge, EV, capped Kelly, quality flags, the line's history of the day and, once the game
 * is played, the result. Reads only; an unknown date is an empty list.
 */
export class ListPicksUseCase {
  private readonly picks: PicksRepository;
  private readonly models: RegisteredModelsRepository;
  private readonly games: GamesRepository;

  constructor(
    repositories: { games: ReadModelRepositories['games']; models: ReadModelRepositories['models']; picks: ReadModelRepositories['picks'] },
    private readonly distributions: DistributionSource,
    private readonly options: RecommendOptions,
  ) {
    this.picks = repositories.picks;
    this.models = repositories.models;
    this.games = repositories.games;
  }

  /** Validates the query (400 naming the parameter) and returns the ranked picks. */
  async execute(rawQuery: unknown): Promise<PicksList> {
    const q = parseParams(PicksQuerySchema, rawQuery);
    const [offers, games, teamNames, boxScores, productionModels] = await Promise.all([
      this.picks.offers(q.date, q.stat),
      this.games.ofDate(q.date),
      this.games.teamNames(),
      this.picks.boxScores(q.date),
      this.models.productionIds().then((ids) => new Set(ids)),
    ]);
    const pairs = uniquePairs(offers);
    const [teams, pushes] = await Promise.all([this.picks.playerTeams(pairs), this.wholeLinePushes(offers)]);
    const playedGames = new Set(games.filter((g) => g.status === 'FINAL').map((g) => g.id));
    for (const key of boxScores.keys()) playedGames.add(key.slice(key.indexOf(':') + 1));

    let picks = buildPicks(offers, {
      options: this.options,
      pushOf: (offer) => pushes.get(offer.predictionId) ?? null,
      games: new Map(games.map((g) => [g.id, g])),
      teams,
      teamNames,
      productionModels,
      boxScores,
      playedGames,
    }).filter((p) => matches(p, q));
    if (q.limit !== undefined) picks = picks.slice(0, q.limit);

    if (q.include.includes('history')) {
      const history = await this.picks.lineHistory(q.date, picks);
      for (const p of picks) p.history = history.get(`${p.playerId}:${p.gameId}:${p.stat}`) ?? [];
    }
    if (q.include.includes('distribution')) await this.attachDistributions(picks);

    const lineSources = { REAL: 0, PROXY: 0 };
    for (const p of picks) lineSources[p.lineSource]++;
    return { date: q.date, call: q.call, lineSources, gates: { minEdge: this.options.minEdge, minConfidence: this.options.minConfidence }, picks };
  }

  /** P(push) of every offer on a whole-number line, from its model's distribution (half lines never push). */
  private async wholeLinePushes(offers: readonly Offer[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const offer of offers) {
      if (!Number.isInteger(offer.line)) continue;
      const distribution = await this.distribution(offer);
      if (distribution) out.set(offer.predictionId, distribution.overUnder(offer.line).push);
    }
    return out;
  }

  private async attachDistributions(picks: Pick[]): Promise<void> {
    const pmfs = new Map<string, { from: number; p: number[] }>();
    for (const pick of picks) {
      const key = `${pick.modelId}|${pick.predictedMean}`;
      let pmf = pmfs.get(key);
      if (!pmf) {
        const distribution = await this.distribution(pick);
        if (!distribution) continue;
        const exact = distribution.pmf();
        // Four decimals are plenty for a chart and keep a 10,000-prop board small.
        pmf = { from: exact.from, p: exact.p.map((x) => Math.round(x * 10_000) / 10_000) };
        pmfs.set(key, pmf);
      }
      pick.distribution = pmf;
    }
  }

  /** The prediction's distribution, or null when its model's artifacts are unreadable (the pick is still listed). */
  private async distribution(prediction: { modelId: string; predictedMean: number }): Promise<PropDistribution | null> {
    try {
      return await this.distributions.forPrediction(prediction);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }
}

function matches(p: Pick, q: z.infer<typeof PicksQuerySchema>): boolean {
  if (q.call === 'BET' ? p.call === 'PASS' : q.call !== 'ALL' && p.call !== q.call) return false;
  if (q.minEdge !== undefined && !(p.edge >= q.minEdge)) return false;
  if (q.book !== undefined && p.book.toLowerCase() !== q.book.toLowerCase()) return false;
  if (q.game !== undefined && p.gameId !== q.game) return false;
  return true;
}

function uniquePairs(offers: readonly Offer[]): { playerId: number; gameId: string }[] {
  const seen = new Map<string, { playerId: number; gameId: string }>();
  for (const o of offers) seen.set(`${o.playerId}:${o.gameId}`, { playerId: o.playerId, gameId: o.gameId });
  return [...seen.values()];
}
