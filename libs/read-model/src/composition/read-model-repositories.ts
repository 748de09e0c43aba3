import type { Pool } from 'pg';
import { GradingRepository } from '@propcast/grading';
import { RegisteredModelsRepository } from '@propcast/model-registry';
import { BetsRepository } from '../bets/bets.repository';
import { BoardRepository } from '../board/board.repository';
import { GamesRepository } from '../games/games.repository';
import { PicksRepository } from '../picks/picks.repository';
import { PlayersRepository } from '../players/players.repository';
import { PredictionsRepository } from '../predictions/predictions.repository';
import { ServingPredictionRepository } from '../pricing/serving-prediction.repository';
import { DayVersionRepository } from '../shared/day-version.repository';
import { TeamsRepository } from '../shared/teams.repository';

/** Every repository of the read side; each use case takes the ones it reads through its constructor. */
export interface ReadModelRepositories {
  bets: BetsRepository;
  board: BoardRepository;
  games: GamesRepository;
  grading: GradingRepository;
  models: RegisteredModelsRepository;
  picks: PicksRepository;
  players: PlayersRepository;
  predictions: PredictionsRepository;
  servingPredictions: ServingPredictionRepository;
  teams: TeamsRepository;
  versions: DayVersionRepository;
}

/** The read side's composition root: its repositories over one pool, built alike by the api, the CLI, the trainer and tests. */
export function createReadModelRepositories(pool: Pool): ReadModelRepositories {
  return {
    bets: new BetsRepository(pool),
    board: new BoardRepository(pool),
    games: new GamesRepository(pool),
    grading: new GradingRepository(pool),
    models: new RegisteredModelsRepository(pool),
    picks: new PicksRepository(pool),
    players: new PlayersRepository(pool),
    predictions: new PredictionsRepository(pool),
    servingPredictions: new ServingPredictionRepository(pool),
    teams: new TeamsRepository(pool),
    versions: new DayVersionRepository(pool),
  };
}
