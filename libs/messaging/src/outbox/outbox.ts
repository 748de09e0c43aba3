import { parseEvent, type EventEnvelope } from '@propcast/contracts';
import type { Pool } from 'pg';
import { OutboxRelay, type FlushResult, type OutboxRelayOptions } from './outbox-relay';
import { aggregateKeyOf, OutboxRepository, type Queryable } from './outbox.repository';

/** The writing side of the outbox, for use cases: enqueue in a transaction, flush after the commit. */
export interface TransactionalEvents {
  /** Writes `events` in the caller's transaction (`db` is its client): they reach the bus only if it commits. */
  enqueue(db: Queryable, events: readonly EventEnvelope[]): Promise<void>;
  /**
   * Publishes what is due now (after the commit); never throws, a dead bus leaves the events pending. With `waitMs`
   * it resolves after at most that long (what is not done by then goes on in the background).
   */
  flush(opts?: { waitMs?: number }): Promise<FlushResult>;
  /** How many of these events the bus has not acknowledged yet. */
  pendingAmong(eventIds: readonly string[]): Promise<number>;
}

/**
 * Transactional outbox: events are rows of the `outbox` table written with the change they announce, and a relay
 * publishes them until the bus acknowledges. `publish` (the EventBus signature) writes one event on its own and
 * relays it at once, for callers that publish after their own commit: the event survives a bus outage either way.
 */
export class Outbox implements TransactionalEvents {
  readonly relay: OutboxRelay;
  private readonly repo = new OutboxRepository();

  constructor(
    private readonly pool: Pool,
    bus: ConstructorParameters<typeof OutboxRelay>[1],
    options: OutboxRelayOptions = {},
  ) {
    this.relay = new OutboxRelay(pool, bus, options);
  }

  async enqueue(db: Queryable, events: readonly EventEnvelope[]): Promise<void> {
    // Validated now: an event that cannot pass the contract must fail its transaction, not sit in the outbox.
    const valid = events.map((event) => parseEvent(event));
    await this.repo.insert(
      db,
      valid.map((event) => ({ event, aggregateKey: aggregateKeyOf(event) })),
    );
  }

  async flush(opts: { waitMs?: number } = {}): Promise<FlushResult> {
    const flushing = this.relay.flush().catch(() => ({ published: 0, failed: 0 }));
    if (opts.waitMs === undefined) return flushing;
    let timer: NodeJS.Timeout | undefined;
    const later = new Promise<FlushResult>((resolve) => {
      timer = setTimeout(() => resolve({ published: 0, failed: 0 }), opts.waitMs);
    });
    try {
      return await Promise.race([flushing, later]);
    } finally {
      clearTimeout(timer);
    }
  }

  async pendingAmong(eventIds: readonly string[]): Promise<number> {
    return this.repo.pendingAmong(this.pool, eventIds);
  }

  /** Writes the event durably, then relays it; resolves to the event id (stable across retries) once it is stored. */
  async publish(event: EventEnvelope): Promise<string> {
    await this.enqueue(this.pool, [event]);
    await this.flush();
    return event.id;
  }

  /** Starts the background relay. */
  start(): void {
    this.relay.start();
  }

  /** Stops the relay; pending events wait for the next one (any replica, any service). */
  async stop(): Promise<void> {
    await this.relay.stop();
  }
}
