import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import { DateParam, FormatParam, NumberParam, parseParams, PositiveIntParam, RecommendationParam, StatParam, TextParam } from '../shared/params';
import type { TeamsRepository } from '../shared/teams.repository';
import { PredictionsRepository, type PredictionView } from './predictions.repository';
import type { ReadModelRepositories } from '../composition/read-model-repositories';

/** Largest page the list returns. */
export const MAX_PAGE_SIZE = 1000;

/** Query parameters of GET /predictions (text, as they arrive). */
export const PredictionsQuerySchema = z.strictObject({
  date: DateParam.optional(),
  stat: StatParam.optional(),
  player: PositiveIntParam.optional(),
  team: TextParam.optional(),
  game: z
    .string()
    .regex(/^\d{10}$/, 'must be a 10-digit NBA game id')
    .optional(),
  model: TextParam.optional(),
  modelVersion: PositiveIntParam.optional(),
  recommendation: RecommendationParam.optional(),
  minEdge: NumberParam.optional(),
  book: TextParam.optional(),
  cursor: TextParam.optional(),
  limit: PositiveIntParam.max(MAX_PAGE_SIZE, { error: `must be at most ${MAX_PAGE_SIZE}` }).default(100),
  format: FormatParam,
});

/** A page of predictions and the cursor of the next one (null on the last page). */
export interface PredictionsPage {
  items: PredictionView[];
  nextCursor: string | null;
  limit: number;
}

/** GET /predictions: stored predictions filtered and paged by cursor, in a stable (id) order. */
export class ListPredictionsUseCase {
  private readonly predictions: PredictionsRepository;
  private readonly teams: TeamsRepository;

  constructor(repositories: Pick<ReadModelRepositories, 'predictions' | 'teams'>) {
    this.predictions = repositories.predictions;
    this.teams = repositories.teams;
  }

  /** Validates the query (400 naming the parameter) and returns one page. */
  async execute(rawQuery: unknown): Promise<PredictionsPage> {
    const q = parseParams(PredictionsQuerySchema, rawQuery);
    const teamId = q.team === undefined ? undefined : await this.teams.resolve(q.team);
    const rows = await this.predictions.page({
      date: q.date,
      stat: q.stat,
      playerId: q.player,
      teamId,
      gameId: q.game,
      modelId: q.model,
      modelVersion: q.modelVersion,
      recommendation: q.recommendation,
      minEdge: q.minEdge,
      book: q.book,
      afterId: q.cursor === undefined ? undefined : decodeCursor(q.cursor),
      limit: q.limit,
    });
    const items = rows.slice(0, q.limit);
    const more = rows.length > q.limit;
    return { items, nextCursor: more ? encodeCursor(items[items.length - 1].id) : null, limit: q.limit };
  }
}
