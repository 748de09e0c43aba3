import { randomUUID } from 'node:crypto';
import { InvalidMessageError } from './errors';
import { EventData, EventEnvelope, EventSchemas, EventType } from './events/event-registry';

/** Builds a validated event envelope with a fresh uuid and the current time; throws `InvalidMessageError`. */
export function createEvent<T extends EventType>(type: T, data: EventData<T>, source: string): EventEnvelope<T> {
  const result = EventSchemas[type].safeParse({
    id: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    source,
    data,
  });
  if (!result.success) throw InvalidMessageError.fromZod(result.error);
  return result.data as EventEnvelope<T>;
}
