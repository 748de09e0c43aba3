import type { EventEnvelope, EventType } from '@propcast/contracts';
import type { DeliveryContext, EventBus, EventHandler, Subscription } from '@propcast/messaging';
import { RecordingPublisher } from './recording-publisher';

/** An in-memory EventBus for app tests: records publishes, and `deliver()` hands an event to the subscribed handlers. */
export class FakeEventBus extends RecordingPublisher implements EventBus {
  private readonly handlers: { eventType: EventType; handler: EventHandler }[] = [];

  async subscribe<T extends EventType>(eventType: T, group: string, handler: EventHandler<T>): Promise<Subscription> {
    this.handlers.push({ eventType, handler: handler as unknown as EventHandler });
    return { eventType, group, close: async () => undefined };
  }

  /** Calls every handler subscribed to the event's type, as a first delivery. */
  async deliver(event: EventEnvelope): Promise<void> {
    const ctx: DeliveryContext = { messageId: event.id, deliveryAttempt: 1 };
    for (const h of this.handlers.filter((x) => x.eventType === event.type)) await h.handler(event, ctx);
  }

  /** Forgets every subscription. */
  async close(): Promise<void> {
    this.handlers.length = 0;
  }
}
