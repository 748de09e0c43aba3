import { z } from 'zod';
import { IdSchema } from '../common.schemas';
import { ModelTargetSchema } from '../stat-type';

/** Terminal states of a training run (subset of Prisma `TrainingRunStatus`). */
export const TrainingOutcomeSchema = z.enum(['SUCCEEDED', 'FAILED']);
export type TrainingOutcome = z.infer<typeof TrainingOutcomeSchema>;

/** `training.completed`: a training run finished; `modelId` is the candidate it produced, if any. */
export const TrainingCompletedDataSchema = z.object({
  runId: IdSchema,
  stat: ModelTargetSchema,
  modelId: IdSchema.nullable(),
  status: TrainingOutcomeSchema,
});
export type TrainingCompletedData = z.infer<typeof TrainingCompletedDataSchema>;
