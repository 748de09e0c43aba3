import { z } from 'zod';
import { expectedValuePerUnit } from '@propcast/prediction';
import { InvalidParameterError, NotFoundError } from '../errors';
import type { DistributionSource } from '../pricing/distribution-source';
import type { ServingPredictionRepository } from '../pricing/serving-prediction.repository';
import { DateParam, parseParams, StatParam, TextParam } from '../shared/params';
import type { BetView, NewBet } from './bet.types';
import type { BetsRepository } from './bets.repository';
import { gradeBet } from './grade-bet';
import type { ReadModelRepositories } from '../composition/read-model-repositories';

/** Body of POST /bets (and `propcast bets add`). */
export const RecordBetSchema = z.strictObject({
  playerId: z.int({ error: 'must be a player id (integer)' }).positive({ error: 'must be positive' }),
  gameId: z
    .string()
    .regex(/^\d{10}$/, 'must be a 10-digit NBA game id')
    .optional(),
  date: DateParam.optional(),
  stat: StatParam,
  side: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.enum(['OVER', 'UNDER'], { error: 'must be OVER or UNDER' })),
  line: z.number({ error: 'must be a number' }).min(0, { error: 'must be >= 0' }).max(200, { error: 'must be <= 200' }),
  price: z.int({ error: 'must be whole American odds, e.g. -110 or 150' }).refine((x) => Math.abs(x) >= 100, 'must be American odds with |odds| >= 100'),
  stake: z.number({ error: 'must be a number' }).positive({ error: 'must be positive' }).max(1e9, { error: 'must be at most 1e9' }),
  book: TextParam.max(60, { error: 'must be at most 60 characters' }),
  takenAt: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 time, e.g. 2025-01-10T18:30:00Z' }).optional(),
  note: z.string().max(500, { error: 'must be at most 500 characters' }).optional(),
});

/**
 * POST /bets: records a bet actually taken, with the model's expectation at the line and price taken (from the
 * serving prediction's distribution, when there is one). The only write of the read side; it never touches predictions.
 */
export class RecordBetUseCase {
  private readonly bets: BetsRepository;
  private readonly predictions: ServingPredictionRepository;

  constructor(
    repositories: Pick<ReadModelRepositories, 'bets' | 'servingPredictions'>,
    private readonly distributions: DistributionSource,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.bets = repositories.bets;
    this.predictions = repositories.servingPredictions;
  }

  /** Validates the body (400 naming the field), stores the bet and returns it as GET /bets shows it. */
  async execute(body: unknown): Promise<BetView> {
    const b = parseParams(RecordBetSchema, body);
    if (!(await this.bets.playerExists(b.playerId))) throw InvalidParameterError.of('playerId', `unknown player ${b.playerId}`);
    const { gameId, gameDate } = await this.game(b.playerId, b.gameId, b.date);
    const takenAt = b.takenAt ? new Date(b.takenAt) : this.now();
    const expectation = await this.expectation(b.playerId, gameId, b.stat, b.side, b.line, b.price);
    const bet: NewBet = {
      playerId: b.playerId,
      gameId,
      gameDate,
      stat: b.stat,
      side: b.side,
      line: b.line,
      price: b.price,
      stake: b.stake,
      book: b.book,
      takenAt,
      note: b.note ?? null,
      ...expectation,
    };
    const id = await this.bets.insert(bet);
    const [stored] = await this.bets.list({ id });
    return gradeBet(stored);
  }

  private async game(playerId: number, gameId: string | undefined, date: string | undefined): Promise<{ gameId: string; gameDate: string }> {
    if (gameId) {
      const gameDate = await this.bets.gameDate(gameId);
      if (!gameDate) throw InvalidParameterError.of('gameId', `unknown game ${gameId}`);
      if (date && date !== gameDate) throw InvalidParameterError.of('date', `game ${gameId} is on ${gameDate}, not ${date}`);
      return { gameId, gameDate };
    }
    if (!date) throw InvalidParameterError.of('gameId', "is required (or give date, and the player's game that day is used)");
    const games = await this.bets.playerGamesOn(playerId, date);
    if (games.length !== 1) {
      throw InvalidParameterError.of('gameId', games.length === 0 ? `player ${playerId} has no known game on ${date}` : `player ${playerId} has ${games.length} games on ${date}: give one`);
    }
    return { gameId: games[0], gameDate: date };
  }

  /** The serving model's P(side | no push) and EV per unit at the bet's line and price; nulls without a prediction. */
  private async expectation(playerId: number, gameId: string, stat: NewBet['stat'], side: NewBet['side'], line: number, price: number) {
    const none = { predictionId: null, modelId: null, modelProbability: null, modelExpectedValue: null };
    const prediction = await this.predictions.find({ playerId, stat, gameId });
    if (!prediction) return none;
    let probabilities;
    try {
      probabilities = (await this.distributions.forPrediction(prediction)).overUnder(line);
    } catch (error) {
      if (error instanceof NotFoundError) return { ...none, predictionId: prediction.id, modelId: prediction.modelId };
      throw error;
    }
    const pSide = side === 'OVER' ? probabilities.over : probabilities.under;
    const decided = probabilities.over + probabilities.under;
    return {
      predictionId: prediction.id,
      modelId: prediction.modelId,
      modelProbability: decided > 0 ? pSide / decided : null,
      modelExpectedValue: expectedValuePerUnit(pSide, price, probabilities.push),
    };
  }
}
