import { InvalidMessageError } from './errors';
import { EventEnvelope, EventEnvelopeSchema } from './events/event-registry';

/**
 * Validates a received event: a JSON string/Buffer or an already-parsed object.
 * Returns the envelope narrowed by `type`; throws `InvalidMessageError` on bad JSON or a contract violation.
 */
export function parseEvent(raw: unknown): EventEnvelope {
  const result = EventEnvelopeSchema.safeParse(decodeJson(raw));
  if (!result.success) throw InvalidMessageError.fromZod(result.error);
  return result.data;
}

/** Parses JSON text (string or bytes); anything else is returned unchanged. */
export function decodeJson(raw: unknown): unknown {
  if (typeof raw !== 'string' && !Buffer.isBuffer(raw)) return raw;
  try {
    return JSON.parse(raw.toString());
  } catch (error) {
    throw new InvalidMessageError([`(root): invalid JSON: ${(error as Error).message}`]);
  }
}
