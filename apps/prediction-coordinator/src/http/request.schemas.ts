import { z } from 'zod';
import { formatIssues, GameDateSchema, PlayerIdSchema, StatTypeSchema } from '@propcast/contracts';
import { InvalidRequestError } from '@propcast/prediction-serving';

/** POST /start body. */
export const StartRequestSchema = z.strictObject({
  gameDate: GameDateSchema,
  stats: z.array(StatTypeSchema).min(1).optional(),
  playerIds: z.array(PlayerIdSchema).min(1).max(5000).optional(),
  force: z.boolean().optional(),
});

/** GET /status query. */
export const StatusQuerySchema = z.strictObject({ gameDate: GameDateSchema });

/** Validates a request part against its schema; throws InvalidRequestError (answered 400) naming every bad field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new InvalidRequestError(formatIssues(parsed.error.issues));
  return parsed.data;
}
