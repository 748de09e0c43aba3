import type { EventType } from '@propcast/contracts';
import { deadLetterName } from '@propcast/contracts';
import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeadLetter, deadLetterFields } from '../consumer/dead-letter';
import type { DeliveryPipeline, DeliverySink } from '../consumer/delivery-pipeline';
import type { Subscription } from '../event-bus.interface';
import type { MessagingLogger } from '../logger';
import { decodeEntry, flattenFields, RawEntry, StreamEntry } from './stream-entry';

export interface StreamConsumerOptions {
  /** Dedicated connection (blocking reads); the consumer owns and closes it. */
  conn: Redis;
  /** Shared connection, used to unblock `conn` on close. */
  control: Redis;
  eventType: EventType;
  stream: string;
  group: string;
  consumer: string;
  pipeline: DeliveryPipeline;
  batchSize: number;
  visibilityTimeoutMs: number;
  blockMs: number;
  maxLen: number;
  drainTimeoutMs: number;
  logger: MessagingLogger;
}

/**
 * One consumer in a Redis consumer group: XREADGROUP new entries, XAUTOCLAIM entries idle longer than the
 * visibility timeout (their consumer crashed or failed them), heartbeat entries in progress so they are not
 * reclaimed, XACK / dead-letter as the pipeline decides.
 */
export class StreamConsumer implements Subscription {
  readonly eventType: EventType;
  readonly group: string;
  private readonly deadLetterStream: string;
  private readonly reclaimIntervalMs: number;
  private stopping = false;
  private blocked = false;
  private clientId?: number;
  private nextReclaimAt = 0;
  private heartbeat?: NodeJS.Timeout;
  private loop: Promise<void> = Promise.resolve();
  private closing?: Promise<void>;

  constructor(private readonly o: StreamConsumerOptions) {
    this.eventType = o.eventType;
    this.group = o.group;
    this.deadLetterStream = deadLetterName(o.stream);
    this.reclaimIntervalMs = Math.max(50, Math.floor(o.visibilityTimeoutMs / 2));
    o.conn.on('error', (err: Error) => o.logger.debug({ err, stream: o.stream }, 'redis consumer connection error'));
    o.conn.on('ready', () => void this.refreshClientId());
  }

  /** Creates the group if needed and starts the read loop. */
  async start(): Promise<void> {
    await this.ensureGroup();
    await this.refreshClientId();
    this.loop = this.run();
  }

  /** Stops reading, drains the running batch (up to the drain timeout), then disconnects. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    if (this.blocked && this.clientId !== undefined) {
      await this.o.control.client('UNBLOCK', this.clientId).catch(() => undefined);
    }
    const drained = await Promise.race([this.loop.then(() => true), sleep(this.o.drainTimeoutMs, false, { ref: false })]);
    clearInterval(this.heartbeat);
    if (drained) await this.forgetConsumerIfIdle();
    else this.o.logger.warn({ stream: this.o.stream, group: this.o.group }, 'handlers still running at close; their messages will be redelivered');
    this.o.conn.disconnect();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        const entries = await this.next();
        if (entries.length > 0) await this.process(entries);
      } catch (error) {
        if (this.stopping) break;
        // The stream (and so the group) was deleted under us: recreate and carry on.
        if (/NOGROUP|no longer exists/.test((error as Error).message)) {
          await this.ensureGroup().catch(() => undefined);
          continue;
        }
        this.o.logger.error({ err: error, stream: this.o.stream, group: this.o.group }, 'stream read failed; retrying in 1 s');
        await sleep(1000);
      }
    }
  }

  private async next(): Promise<StreamEntry[]> {
    if (Date.now() >= this.nextReclaimAt) {
      this.nextReclaimAt = Date.now() + this.reclaimIntervalMs;
      const reclaimed = await this.reclaim();
      if (reclaimed.length > 0) return reclaimed;
    }
    if (this.stopping) return [];
    const { conn, group, consumer, batchSize, stream } = this.o;
    const block = Math.min(this.o.blockMs, this.reclaimIntervalMs);
    this.blocked = true;
    try {
      const reply = (await conn.callBuffer('XREADGROUP', 'GROUP', group, consumer, 'COUNT', batchSize, 'BLOCK', block, 'STREAMS', stream, '>')) as [Buffer, RawEntry[]][] | null;
      return (reply?.[0]?.[1] ?? []).map((raw) => decodeEntry(raw, 1));
    } finally {
      this.blocked = false;
    }
  }

  /** Claims entries idle past the visibility timeout, with their delivery counts. */
  private async reclaim(): Promise<StreamEntry[]> {
    const { conn, stream, group, consumer, visibilityTimeoutMs, batchSize } = this.o;
    const [, claimed, deleted] = (await conn.callBuffer('XAUTOCLAIM', stream, group, consumer, visibilityTimeoutMs, '0-0', 'COUNT', batchSize)) as [Buffer, RawEntry[], Buffer[] | undefined];
    if (deleted && deleted.length > 0) {
      this.o.logger.warn({ stream, group, ids: deleted.map(String) }, 'pending entries were trimmed before being processed');
    }
    const live = claimed.filter(([, fields]) => fields !== null);
    if (live.length === 0) return [];
    const pending = conn.pipeline();
    for (const [id] of live) pending.xpending(stream, group, id, id, 1);
    const counts = (await pending.exec()) ?? [];
    return live.map((raw, i) => {
      const row = (counts[i]?.[1] as [string, string, number, number][] | undefined)?.[0];
      return decodeEntry(raw, row ? Number(row[3]) : 1);
    });
  }

  private async process(entries: StreamEntry[]): Promise<void> {
    const { conn, stream, group, consumer } = this.o;
    const ids = entries.map((entry) => entry.id);
    // XCLAIM with min-idle 0 and JUSTID resets the idle time without counting a delivery: a slow handler keeps its message.
    this.heartbeat = setInterval(
      () => {
        conn.xclaim(stream, group, consumer, 0, ...ids, 'JUSTID').catch(() => undefined);
      },
      Math.max(20, Math.floor(this.o.visibilityTimeoutMs / 3)),
    );
    try {
      await Promise.all(entries.map((entry) => this.o.pipeline.deliver(entry.payload, { messageId: entry.id, deliveryAttempt: entry.deliveryAttempt }, this.sink(entry))));
    } finally {
      clearInterval(this.heartbeat);
    }
  }

  private sink(entry: StreamEntry): DeliverySink {
    const { conn, stream, group, maxLen } = this.o;
    return {
      ack: async () => {
        await conn.xack(stream, group, entry.id);
      },
      // Nothing to do: the entry stays pending and is reclaimed once idle past the visibility timeout.
      retry: async () => undefined,
      deadLetter: async (letter: DeadLetter) => {
        const fields = flattenFields({ event: letter.payload, ...deadLetterFields(letter) });
        const results = await conn
          .multi()
          .xadd(this.deadLetterStream, 'MAXLEN', '~', maxLen, '*', ...fields)
          .xack(stream, group, entry.id)
          .exec();
        const failed = results?.find(([error]) => error);
        if (!results || failed) throw failed?.[0] ?? new Error('dead-letter transaction aborted');
      },
    };
  }

  private async ensureGroup(): Promise<void> {
    try {
      await this.o.conn.xgroup('CREATE', this.o.stream, this.o.group, '$', 'MKSTREAM');
    } catch (error) {
      if (!/BUSYGROUP/.test((error as Error).message)) throw error;
    }
  }

  private async refreshClientId(): Promise<void> {
    this.clientId = (await this.o.conn.client('ID').catch(() => undefined)) as number | undefined;
  }

  /** Removes this consumer from the group when it holds no pending entries (else they must stay claimable). */
  private async forgetConsumerIfIdle(): Promise<void> {
    const { conn, stream, group, consumer } = this.o;
    try {
      const pending = (await conn.xpending(stream, group, '-', '+', 1, consumer)) as unknown[];
      if (pending.length === 0) await conn.xgroup('DELCONSUMER', stream, group, consumer);
    } catch (error) {
      this.o.logger.debug({ err: error, stream, group }, 'could not remove idle consumer');
    }
  }
}
