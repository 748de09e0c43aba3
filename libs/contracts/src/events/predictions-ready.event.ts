import { z } from 'zod';
import { CountSchema, GameDateSchema, IdSchema } from '../common.schemas';

/** `predictions.ready`: a prediction batch for a game date reached a terminal state. */
export const PredictionsReadyDataSchema = z.object({
  gameDate: GameDateSchema,
  batchId: IdSchema,
  counts: z.object({ requested: CountSchema, completed: CountSchema, failed: CountSchema }),
});
export type PredictionsReadyData = z.infer<typeof PredictionsReadyDataSchema>;
