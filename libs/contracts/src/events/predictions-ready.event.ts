import { z } from 'zod';
import { CountSchema, GameDateSchema, IdSchema } from '../common.schemas';

/** `predictions.ready`: a prediction batch for a game date reached a terminal state. */
export const PredictionsReadyDataSchema = z.object({
  gameDate: GameDateSchema,
  batchId: IdSchema,
  /**
   * How the batch ended: COMPLETED (every request predicted), COMPLETED_WITH_FAILURES (some requests failed: see
   * counts.failed and GET /status for the reasons) or FAILED (all failed). Absent only in events published before it existed.
   */
  state: z.enum(['COMPLETED', 'COMPLETED_WITH_FAILURES', 'FAILED']).optional(),
  counts: z.object({ requested: CountSchema, completed: CountSchema, failed: CountSchema }),
});
export type PredictionsReadyData = z.infer<typeof PredictionsReadyDataSchema>;
