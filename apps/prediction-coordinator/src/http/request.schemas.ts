import { z } from 'zod';
import { formatIssues, GameDateSchema, IdSchema, PlayerIdSchema, StatTypeSchema } from '@propcast/contracts';
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

const CountSchema = z.int().nonnegative();

/** POST /complete body: a worker's result of one job, or a job that failed for good. */
export const CompleteRequestSchema = z.union([
  z.strictObject({
    jobId: IdSchema,
    attempts: z.int().positive().default(1),
    succeeded: CountSchema,
    failed: CountSchema,
    failures: z.record(z.string().min(1), CountSchema).default({}),
  }),
  z.strictObject({ jobId: IdSchema, attempts: z.int().positive().default(1), error: z.string().trim().min(1) }),
]);

/** Validates a request part against its schema; throws InvalidRequestError (answered 400) naming every bad field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new InvalidRequestError(formatIssues(parsed.error.issues));
  return parsed.data;
}
