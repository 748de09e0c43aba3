import type { EventEnvelope } from '@propcast/contracts';

/** The publishing half of the event bus (@propcast/messaging's EventBus satisfies it). */
export interface EventPublisher {
  /** Validates and publishes an event; resolves to the transport message id. */
  publish(event: EventEnvelope): Promise<string>;
}
