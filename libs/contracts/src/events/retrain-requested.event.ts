import { z } from 'zod';
import { IdSchema } from '../common.schemas';
import { StatTypeSchema } from '../stat-type';

/** `retrain.requested`: someone (drift monitor, schedule, operator) asks the trainer for new models. */
export const RetrainRequestedDataSchema = z.object({
  stats: z.array(StatTypeSchema).min(1),
  reason: z.string().trim().min(1),
  driftReportId: IdSchema.optional(),
});
export type RetrainRequestedData = z.infer<typeof RetrainRequestedDataSchema>;
