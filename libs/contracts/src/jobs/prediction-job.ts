import { z } from 'zod';
import { AmericanOddsSchema, GameDateSchema, GameIdSchema, IdSchema, PlayerIdSchema } from '../common.schemas';
import { InvalidMessageError } from '../errors';
import { decodeJson } from '../parse-event';
import { StatTypeSchema } from '../stat-type';

/** One player/game/book to predict; `line` is null when no prop line is known yet. */
export const PredictionRequestSchema = z.object({
  playerId: PlayerIdSchema,
  gameId: GameIdSchema,
  line: z.number().nullable(),
  overPrice: AmericanOddsSchema,
  underPrice: AmericanOddsSchema,
  book: z.string().trim().min(1),
  /** When the book posted this line (ISO-8601); lets the worker flag stale lines. Absent or null without a line. */
  capturedAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type PredictionRequest = z.infer<typeof PredictionRequestSchema>;

/** Payload of a BullMQ job on `QueueNames.predictions`: one stat, a chunk of requests of one batch. */
export const PredictionJobSchema = z.object({
  batchId: IdSchema,
  jobId: IdSchema,
  gameDate: GameDateSchema,
  stat: StatTypeSchema,
  requests: z.array(PredictionRequestSchema).min(1),
});
export type PredictionJob = z.infer<typeof PredictionJobSchema>;

/** Validates a prediction job payload (object or JSON); throws `InvalidMessageError`. */
export function parsePredictionJob(raw: unknown): PredictionJob {
  const result = PredictionJobSchema.safeParse(decodeJson(raw));
  if (!result.success) throw InvalidMessageError.fromZod(result.error);
  return result.data;
}
