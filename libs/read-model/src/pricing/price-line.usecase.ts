import { z } from 'zod';
import { recommend, type OverUnder, type Recommendation, type RecommendationReason, type RecommendOptions, type SideEvaluation } from '@propcast/prediction';
import type { StatType } from '@propcast/contracts';
import { NotFoundError } from '../errors';
import { AmericanOddsParam, DateParam, NumberParam, parseParams, PositiveIntParam, StatParam } from '../shared/params';
import type { DistributionSource } from './distribution-source';
import type { ServingPredictionRepository } from './serving-prediction.repository';
import type { ReadModelRepositories } from '../composition/read-model-repositories';

/** Query of GET /price (and `propcast price`). */
export const PriceQuerySchema = z.strictObject({
  player: PositiveIntParam,
  stat: StatParam,
  line: NumberParam.refine((x) => x >= 0 && x <= 200, 'must be between 0 and 200'),
  over: AmericanOddsParam.optional(),
  under: AmericanOddsParam.optional(),
  date: DateParam,
});

/** A what-if price: any line and odds against the serving model's distribution of that player-game. */
export interface WhatIfPrice {
  playerId: number;
  playerName: string | null;
  stat: StatType;
  date: string;
  gameId: string;
  modelId: string;
  modelVersion: number;
  predictedMean: number;
  line: number;
  /** USER: the prices were typed in, not quoted by a book. */
  lineSource: 'USER';
  overPrice: number | null;
  underPrice: number | null;
  probabilities: OverUnder;
  over: SideEvaluation;
  under: SideEvaluation;
  recommendation: Recommendation;
  reason: RecommendationReason;
  detail: string;
  /** Stake of the recommended side as a share of bankroll (capped fractional Kelly; 0 on PASS). */
  kellyFraction: number;
  /** `assumed_price` when a side had no price and -110 was used. */
  flags: string[];
}

/** GET /price: prices a line and odds against the stored distribution; no batch, nothing written. */
export class PriceLineUseCase {
  private readonly predictions: ServingPredictionRepository;

  constructor(
    repositories: Pick<ReadModelRepositories, 'servingPredictions'>,
    private readonly distributions: DistributionSource,
    private readonly options: RecommendOptions,
  ) {
    this.predictions = repositories.servingPredictions;
  }

  /** Validates the query (400 naming the parameter), finds the serving prediction (404 without one) and prices both sides. */
  async execute(rawQuery: unknown): Promise<WhatIfPrice> {
    const q = parseParams(PriceQuerySchema, rawQuery);
    const prediction = await this.predictions.find({ playerId: q.player, stat: q.stat, date: q.date });
    if (!prediction) throw new NotFoundError(`no ${q.stat} prediction for player ${q.player} on ${q.date}`);
    const distribution = await this.distributions.forPrediction(prediction);
    const probabilities = distribution.overUnder(q.line);
    const result = recommend({ pOver: probabilities.over, pUnder: probabilities.under, overOdds: q.over ?? null, underOdds: q.under ?? null }, this.options);
    const chosen = result.recommendation === 'OVER' ? result.over : result.recommendation === 'UNDER' ? result.under : null;
    return {
      playerId: prediction.playerId,
      playerName: prediction.playerName,
      stat: prediction.stat,
      date: prediction.gameDate,
      gameId: prediction.gameId,
      modelId: prediction.modelId,
      modelVersion: prediction.modelVersion,
      predictedMean: prediction.predictedMean,
      line: q.line,
      lineSource: 'USER',
      overPrice: q.over ?? null,
      underPrice: q.under ?? null,
      probabilities,
      over: result.over,
      under: result.under,
      recommendation: result.recommendation,
      reason: result.reason,
      detail: result.detail,
      kellyFraction: chosen ? chosen.kellyFraction : 0,
      flags: [...result.flags],
    };
  }
}
