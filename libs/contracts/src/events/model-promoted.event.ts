import { z } from 'zod';
import { IdSchema } from '../common.schemas';
import { ModelTargetSchema } from '../stat-type';

/** `model.promoted`: the serving model (or its traffic split) for a stat changed. */
export const ModelPromotedDataSchema = z.object({
  stat: ModelTargetSchema,
  modelId: IdSchema,
  version: z.int().positive(),
  fromModelId: IdSchema.nullable(),
  action: z.enum(['promote', 'rollback', 'traffic']),
});
export type ModelPromotedData = z.infer<typeof ModelPromotedDataSchema>;
