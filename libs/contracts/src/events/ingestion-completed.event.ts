import { z } from 'zod';
import { CountSchema, GameDateSchema, IdSchema } from '../common.schemas';

/** What an ingestion batch loaded. */
export const IngestKindSchema = z.enum(['BOX_SCORES', 'SCHEDULE', 'PROPS', 'GAME_LINES', 'AVAILABILITY']);
export type IngestKind = z.infer<typeof IngestKindSchema>;

/** `ingestion.completed`: an ingestion batch for a game date was committed. */
export const IngestionCompletedDataSchema = z.object({
  gameDate: GameDateSchema,
  batchId: IdSchema,
  kind: IngestKindSchema,
  counts: z.object({ inserted: CountSchema, updated: CountSchema, unchanged: CountSchema }),
});
export type IngestionCompletedData = z.infer<typeof IngestionCompletedDataSchema>;
