import { z } from 'zod';
import { CountSchema, GameDateSchema, IdSchema } from '../common.schemas';
import { StatTypeSchema } from '../stat-type';

/** A prop whose price changed: player, game, stat and book. */
export const ChangedPropSchema = z.object({
  playerId: z.int().positive(),
  gameId: IdSchema,
  stat: StatTypeSchema,
  book: z.string(),
});
export type ChangedProp = z.infer<typeof ChangedPropSchema>;

/**
 * `predictions.updated`: stored predictions of a game date were priced again (a new prop line snapshot: reason `line`)
 * or predicted and priced again (an availability report: reason `news`). `causeBatchId` is the ingest batch behind it.
 */
export const PredictionsUpdatedDataSchema = z.object({
  gameDate: GameDateSchema,
  reason: z.enum(['line', 'news']),
  causeBatchId: IdSchema,
  /** The prediction batch written by a news re-prediction (absent for line re-pricing, which writes price rows only). */
  predictionBatchId: IdSchema.optional(),
  /** The props whose price changed (every book of them). */
  changed: z.array(ChangedPropSchema),
  counts: z.object({ prices: CountSchema, predictions: CountSchema }),
});
export type PredictionsUpdatedData = z.infer<typeof PredictionsUpdatedDataSchema>;
