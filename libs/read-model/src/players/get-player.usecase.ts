import { z } from 'zod';
import { NotFoundError } from '../errors';
import { summariseBySource, type GradeGroup } from '../grades/summarise-by-source';
import { PredictionsRepository, type PredictionView } from '../predictions/predictions.repository';
import { FormatParam, parseParams, PositiveIntParam } from '../shared/params';
import { PlayersRepository, type FormGame } from './players.repository';
import type { ReadModelRepositories } from '../composition/read-model-repositories';

/** Path and query of GET /players/:id. */
export const PlayerQuerySchema = z.strictObject({
  id: PositiveIntParam,
  games: PositiveIntParam.max(82, { error: 'must be at most 82' }).default(10),
  predictions: PositiveIntParam.max(500, { error: 'must be at most 500' }).default(50),
  format: FormatParam,
});

/** Averages of the recent games (null when no game). */
export interface FormAverages {
  games: number;
  minutes: number | null;
  pts: number | null;
  reb: number | null;
  ast: number | null;
  fg3m: number | null;
  pra: number | null;
}

/** The player page. */
export interface PlayerReport {
  id: number;
  name: string;
  /** Team of his latest game. */
  team: string | null;
  recentForm: { averages: FormAverages; games: FormGame[] };
  /** His latest predictions, newest first, with grades. */
  predictions: PredictionView[];
  /** His graded predictions of the last 365 days by stat and model, real and PROXY lines apart. */
  grades: GradeGroup[];
}

/** GET /players/:id: recent form, latest predictions and graded performance of one player. */
export class GetPlayerUseCase {
  private readonly players: PlayersRepository;
  private readonly predictions: PredictionsRepository;

  constructor(repositories: Pick<ReadModelRepositories, 'players' | 'predictions'>) {
    this.players = repositories.players;
    this.predictions = repositories.predictions;
  }

  /** Validates the parameters (400 naming them); 404 for an unknown player. */
  async execute(raw: unknown): Promise<PlayerReport> {
    const q = parseParams(PlayerQuerySchema, raw);
    const player = await this.players.find(q.id);
    if (!player) throw new NotFoundError(`player ${q.id} is not known`);
    const [games, predictions] = await Promise.all([this.players.recentGames(q.id, q.games), this.predictions.page({ playerId: q.id, newestFirst: true, limit: q.predictions })]);
    const since = new Date(Date.parse(games[0]?.gameDate ?? new Date().toISOString().slice(0, 10)) - 365 * 86_400_000).toISOString().slice(0, 10);
    const graded = await this.players.gradedRows(q.id, since);
    return {
      id: player.id,
      name: player.name,
      team: games[0]?.team ?? null,
      recentForm: { averages: averages(games), games },
      predictions: predictions.slice(0, q.predictions),
      grades: summariseBySource(graded),
    };
  }
}

function averages(games: readonly FormGame[]): FormAverages {
  const mean = (values: (number | null)[]) => {
    const known = values.filter((v): v is number => v !== null);
    return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
  };
  return {
    games: games.length,
    minutes: mean(games.map((g) => g.minutes)),
    pts: mean(games.map((g) => g.pts)),
    reb: mean(games.map((g) => g.reb)),
    ast: mean(games.map((g) => g.ast)),
    fg3m: mean(games.map((g) => g.fg3m)),
    pra: mean(games.map((g) => (g.pts === null || g.reb === null || g.ast === null ? null : g.pts + g.reb + g.ast))),
  };
}
