import { z } from 'zod';
import { DateParam, FormatParam, parseParams } from '../shared/params';
import { GamesRepository, type GameSummary } from './games.repository';
import type { ReadModelRepositories } from '../composition/read-model-repositories';

/** Query of GET /games. */
export const GamesQuerySchema = z.strictObject({ date: DateParam, format: FormatParam });

/** The games of a date. */
export interface GamesList {
  date: string;
  games: GameSummary[];
}

/** GET /games: a date's games with their teams, status, scores and how many predictions and lines they have. */
export class ListGamesUseCase {
  private readonly games: GamesRepository;

  constructor(repositories: Pick<ReadModelRepositories, 'games'>) {
    this.games = repositories.games;
  }

  /** Validates the query (400 naming the parameter); an unknown date is an empty list. */
  async execute(rawQuery: unknown): Promise<GamesList> {
    const q = parseParams(GamesQuerySchema, rawQuery);
    return { date: q.date, games: await this.games.summariesOfDate(q.date) };
  }
}
