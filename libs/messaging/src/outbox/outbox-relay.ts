import type { EventEnvelope } from '@propcast/contracts';
import type { Pool } from 'pg';
import { describeError } from '../errors';
import type { EventBus } from '../event-bus.interface';
import { defaultLogger, type MessagingLogger } from '../logger';
import { outboxMetrics } from './outbox.metrics';
import { OutboxRepository, type ClaimedEvent } from './outbox.repository';

/** Settings of the relay; every one has a default. */
export interface OutboxRelayOptions {
  /** How often the background loop looks for due events (default 1 s). */
  pollIntervalMs?: number;
  /** Events locked and published per pass (default 200). */
  batchSize?: number;
  /** A publish not acknowledged within this is a failure, retried (default 5 s). */
  publishTimeoutMs?: number;
  /** First retry delay after a failure, doubled per attempt (default 500 ms)... */
  retryBaseMs?: number;
  /** ...up to this (default 60 s). */
  retryMaxMs?: number;
  logger?: MessagingLogger;
}

/** What one flush did. */
export interface FlushResult {
  published: number;
  failed: number;
}

/**
 * Publishes the outbox's pending events to the bus until it acknowledges them. Each pass locks due rows
 * (FOR UPDATE SKIP LOCKED, so replicas share the work and never publish the same row at once), publishes them in id
 * order, marks them published and commits. A failure gives the row a backoff and pauses the whole relay for as long
 * (the bus is likely down), so requests that flush after their commit do not wait on a dead bus.
 */
export class OutboxRelay {
  private readonly repo = new OutboxRepository();
  private readonly logger: MessagingLogger;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly publishTimeoutMs: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<FlushResult> | undefined;
  private again = false;
  private busDownUntil = 0;
  private stopped = false;

  constructor(
    private readonly pool: Pool,
    private readonly bus: Pick<EventBus, 'publish'>,
    options: OutboxRelayOptions = {},
  ) {
    this.logger = options.logger ?? defaultLogger();
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.batchSize = options.batchSize ?? 200;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 5000;
    this.retryBaseMs = options.retryBaseMs ?? 500;
    this.retryMaxMs = options.retryMaxMs ?? 60_000;
  }

  /** Starts the background loop (idempotent). */
  start(): void {
    if (this.timer || this.stopped) return;
    const tick = async (): Promise<void> => {
      await this.flush().catch((err: unknown) => this.logger.warn({ err: describeError(err) }, 'outbox relay pass failed'));
      await this.refreshBacklog();
      if (!this.stopped) this.timer = setTimeout(() => void tick(), this.pollIntervalMs);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  /** Stops the loop and waits for a running pass; pending events stay for the next relay. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /**
   * Publishes every due event now, pass after pass, and resolves with what it did. Returns at once while the bus is
   * known to be down (the last attempt failed less than its backoff ago): the loop retries after it. Concurrent calls
   * share one run (plus one more pass).
   */
  async flush(): Promise<FlushResult> {
    if (Date.now() < this.busDownUntil) return { published: 0, failed: 0 };
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Reads the backlog into the pending and oldest-age gauges. */
  async refreshBacklog(): Promise<void> {
    const backlog = await this.repo.backlog(this.pool).catch(() => undefined);
    if (!backlog) return;
    outboxMetrics.pending.set(backlog.pending);
    outboxMetrics.oldestAge.set(backlog.oldestPendingAgeSeconds);
  }

  private async drain(): Promise<FlushResult> {
    const total: FlushResult = { published: 0, failed: 0 };
    do {
      this.again = false;
      for (;;) {
        const pass = await this.pass();
        total.published += pass.published;
        total.failed += pass.failed;
        if (pass.failed > 0 || pass.claimed === 0) break;
      }
    } while (this.again && Date.now() >= this.busDownUntil);
    return total;
  }

  /** One transaction: lock due rows, publish them in order until one fails, record the outcome. */
  private async pass(): Promise<FlushResult & { claimed: number }> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const onError = (err: Error): void => {
      broken = err;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const rows = await this.repo.claim(client, this.batchSize);
      const published: string[] = [];
      let failed: ClaimedEvent | undefined;
      let failure = '';
      for (const row of rows) {
        try {
          await this.publishOne(row.payload);
          published.push(row.id);
          outboxMetrics.published.inc({ type: row.payload.type });
        } catch (err) {
          failed = row;
          failure = describeError(err);
          break;
        }
      }
      await this.repo.markPublished(client, published);
      if (failed) {
        const retryInMs = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** Math.min(failed.attempts, 20));
        await this.repo.markFailed(client, failed.id, failure, retryInMs);
        this.busDownUntil = Date.now() + retryInMs;
        outboxMetrics.failures.inc({ type: failed.payload.type });
        this.logger.warn({ eventId: failed.eventId, type: failed.payload.type, attempts: failed.attempts + 1, retryInMs, error: failure }, 'outbox: publish failed, will retry');
      } else if (rows.length > 0) this.busDownUntil = 0;
      await client.query('COMMIT');
      return { claimed: rows.length, published: published.length, failed: failed ? 1 : 0 };
    } catch (err) {
      broken ??= err as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  /** Publishes with a deadline: a bus that does not answer (Redis reconnecting) counts as a failure. */
  private async publishOne(event: EventEnvelope): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the bus did not acknowledge within ${this.publishTimeoutMs} ms`)), this.publishTimeoutMs);
    });
    const attempt = this.bus.publish(event);
    attempt.catch(() => undefined);
    try {
      await Promise.race([attempt, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }
}
