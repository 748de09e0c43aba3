import { z } from 'zod';

/** Envelope fields shared by every event: `id` (uuid), `type`, `occurredAt` (ISO-8601), `source` (service name). */
export function envelopeSchema<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.object({
    id: z.uuid(),
    type: z.literal(type),
    occurredAt: z.iso.datetime({ offset: true }),
    source: z.string().trim().min(1),
    data,
  });
}
