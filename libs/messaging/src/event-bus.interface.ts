import type { EventEnvelope, EventType } from '@propcast/contracts';

/** Transport facts about one delivery. */
export interface DeliveryContext {
  /** Transport message id: the stream entry id (Redis) or the Pub/Sub message id. */
  messageId: string;
  /** 1 on first delivery; grows with each redelivery. */
  deliveryAttempt: number;
}

/** Handles one event; resolve to acknowledge, throw to have it redelivered (then dead-lettered). */
export type EventHandler<T extends EventType = EventType> = (event: EventEnvelope<T>, ctx: DeliveryContext) => Promise<void>;

/** Per-subscription overrides of the bus defaults. */
export interface SubscribeOptions {
  /** Failed deliveries before the message is dead-lettered (default: bus `maxAttempts`, 5). */
  maxAttempts?: number;
  /** Handlers running at once in this process (default: bus `concurrency`, 1). */
  concurrency?: number;
}

/** A running consumer of one event type in one consumer group. */
export interface Subscription {
  readonly eventType: EventType;
  readonly group: string;
  /** Stops receiving, waits (up to the drain timeout) for running handlers; unacked messages are redelivered. */
  close(): Promise<void>;
}

/** Publish/subscribe over one transport, with contract validation, idempotency, dead letters and metrics. */
export interface EventBus {
  /** Validates and publishes an event to its topic; resolves to the transport message id. */
  publish(event: EventEnvelope): Promise<string>;
  /** Consumes `eventType` as `group` (competing consumers within a group, every group gets every event). */
  subscribe<T extends EventType>(eventType: T, group: string, handler: EventHandler<T>, opts?: SubscribeOptions): Promise<Subscription>;
  /** Closes every subscription, then the connections. */
  close(): Promise<void>;
}
