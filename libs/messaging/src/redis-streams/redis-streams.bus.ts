import { EventEnvelope, EventType, streamName } from '@propcast/contracts';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { BaseEventBus, ResolvedSubscribeOptions } from '../base-event-bus';
import { defaultRedisUrl, positiveInt, RedisStreamsBusConfig } from '../config';
import type { DeliveryPipeline } from '../consumer/delivery-pipeline';
import type { Subscription } from '../event-bus.interface';
import { RedisIdempotencyStore } from '../idempotency/redis-idempotency.store';
import { encodeEntry } from './stream-entry';
import { StreamConsumer } from './stream-consumer';

/** Event bus on Redis Streams: a stream per topic, a consumer group per subscriber group, `<stream>.dlq` dead letters. */
export class RedisStreamsEventBus extends BaseEventBus {
  private readonly redis: Redis;
  private readonly visibilityTimeoutMs: number;
  private readonly blockMs: number;
  private readonly maxLen: number;

  constructor(config: RedisStreamsBusConfig) {
    const redis = new Redis(config.redisUrl ?? defaultRedisUrl());
    const idempotency = config.idempotency === false ? undefined : (config.idempotency ?? new RedisIdempotencyStore(redis, { keyPrefix: `${config.topicPrefix ?? ''}propcast:processed:` }));
    super(config, idempotency);
    this.redis = redis;
    this.redis.on('error', (err: Error) => this.logger.debug({ err }, 'redis connection error'));
    this.visibilityTimeoutMs = positiveInt('visibilityTimeoutMs', config.visibilityTimeoutMs, 30_000);
    this.blockMs = positiveInt('blockMs', config.blockMs, 5_000);
    this.maxLen = positiveInt('maxLen', config.maxLen, 100_000);
  }

  /** The stream an event type is published to (with the bus's topic prefix). */
  streamFor(eventType: EventType): string {
    return streamName(eventType, this.prefix);
  }

  protected async send(event: EventEnvelope): Promise<string> {
    const id = await this.redis.xadd(this.streamFor(event.type), 'MAXLEN', '~', this.maxLen, '*', ...encodeEntry(event));
    return id as string;
  }

  protected async consume(eventType: EventType, group: string, pipeline: DeliveryPipeline, opts: ResolvedSubscribeOptions): Promise<Subscription> {
    const consumer = new StreamConsumer({
      conn: this.redis.duplicate(),
      control: this.redis,
      eventType,
      stream: this.streamFor(eventType),
      group,
      consumer: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
      pipeline,
      batchSize: opts.concurrency,
      visibilityTimeoutMs: this.visibilityTimeoutMs,
      blockMs: this.blockMs,
      maxLen: this.maxLen,
      drainTimeoutMs: this.drainTimeoutMs,
      logger: this.logger,
    });
    try {
      await consumer.start();
    } catch (error) {
      await consumer.close();
      throw error;
    }
    return consumer;
  }

  protected async shutdown(): Promise<void> {
    // A QUIT sent while Redis is unreachable would wait in the offline queue and keep reconnecting: just drop it.
    if (this.redis.status !== 'ready') return this.redis.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
