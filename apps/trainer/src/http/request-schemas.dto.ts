import { BadRequestException } from '@nestjs/common';
import { ALL_STATS, ModelTargetSchema } from '@propcast/contracts';
import { z } from 'zod';

const date = z.iso.date();
const stat = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(ModelTargetSchema);

/** POST /train body: stats (or "all", the five prop stats; MINUTES is the minutes model), optional date window and search budget in minutes. */
export const TrainRequestSchema = z.object({
  stats: z.union([z.literal('all').transform(() => [...ALL_STATS]), z.array(stat).min(1)]),
  window: z.object({ from: date.optional(), to: date.optional() }).optional(),
  budget: z.number().min(0).max(1440).optional(),
  reason: z.string().max(500).optional(),
});
export type TrainRequest = z.infer<typeof TrainRequestSchema>;

/** The audit actor is the API key's name; a body naming one is refused rather than silently overridden. */
const actor = z.never({ error: 'the actor is the name of the API key; do not send one' }).optional();

/** POST /models/:id/promote body. */
export const PromoteRequestSchema = z.object({ reason: z.string().min(1).max(500).default('manual promotion'), actor });

/** POST /models/rollback body. */
export const RollbackRequestSchema = z.object({ stat, reason: z.string().min(1).max(500).default('manual rollback'), actor });

/** POST /models/:id/traffic body: CHALLENGER with a weight in (0, 1), SHADOW, or NONE to withdraw. */
export const TrafficRequestSchema = z.object({
  role: z.enum(['CHALLENGER', 'SHADOW', 'NONE']),
  weight: z.number().min(0).max(1).default(0),
  reason: z.string().min(1).max(500).default('traffic change'),
  actor,
});

/** GET /models and /models/serving query. */
export const StatQuerySchema = z.object({ stat: stat.optional(), status: z.enum(['CANDIDATE', 'STAGING', 'PRODUCTION', 'ARCHIVED']).optional() });

/** GET /models/history query: a stat and an instant (default now). */
export const HistoryQuerySchema = z.object({ stat, at: z.iso.datetime({ offset: true }).or(date).optional() });

/** Parses a request part with a zod schema; 400 with every problem when it does not fit. */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new BadRequestException({ error: 'INVALID_REQUEST', message: z.prettifyError(parsed.error) });
  return parsed.data;
}
