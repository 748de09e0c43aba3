import { z } from 'zod';
import { CountSchema, FeatureSetIdSchema, GameDateSchema } from '../common.schemas';

/** `phase.completed`: one processor of a pipeline phase finished a game date. */
export const PhaseCompletedDataSchema = z.object({
  phase: z.literal('features'),
  processor: z.string().trim().min(1),
  gameDate: GameDateSchema,
  featureSetId: FeatureSetIdSchema,
  rows: CountSchema,
});
export type PhaseCompletedData = z.infer<typeof PhaseCompletedDataSchema>;
