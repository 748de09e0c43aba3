import type { EventEnvelope, EventType } from '@propcast/contracts';
import type { EventBus, EventHandler, SubscribeOptions, Subscription } from '../event-bus.interface';
import type { Pool } from 'pg';
import { Outbox } from './outbox';

/**
 * An EventBus whose publish goes through the outbox (durable, retried until acknowledged) and whose subscriptions
 * are the transport's. What a service injects as EVENT_BUS when it has a database.
 */
export class OutboxEventBus implements EventBus {
  constructor(
    private readonly inner: EventBus,
    readonly outbox: Outbox,
  ) {}

  /** The transport the outbox relays to (Redis Streams or Pub/Sub). */
  get transport(): EventBus {
    return this.inner;
  }

  publish(event: EventEnvelope): Promise<string> {
    return this.outbox.publish(event);
  }

  subscribe<T extends EventType>(eventType: T, group: string, handler: EventHandler<T>, opts?: SubscribeOptions): Promise<Subscription> {
    return this.inner.subscribe(eventType, group, handler, opts);
  }

  /** Stops the relay (after a last flush), then closes the transport. */
  async close(): Promise<void> {
    await this.outbox.flush();
    await this.outbox.stop();
    await this.inner.close();
  }
}

/** The outbox behind a service's bus, or a new one on `pool` for a bare transport (its events are flushed per call, relayed by the services). */
export function outboxOf(bus: EventBus, pool: Pool): Outbox {
  return bus instanceof OutboxEventBus ? bus.outbox : new Outbox(pool, bus);
}

/** The transport under a service's bus: what push endpoints and transport-specific wiring need. */
export function transportOf(bus: EventBus): EventBus {
  return bus instanceof OutboxEventBus ? bus.transport : bus;
}
