import type { Redis } from 'ioredis';
import type { IdempotencyStore } from './idempotency-store.interface';

export interface RedisIdempotencyStoreOptions {
  /** Key prefix (default `propcast:processed:`); keys are `<prefix><consumer>:<messageId>`. */
  keyPrefix?: string;
  /** How long a processed id is remembered (default 7 days): longer than any redelivery window. */
  ttlMs?: number;
}

/** Idempotency store on Redis: one key per processed message, `SET NX` with a TTL. */
export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly keyPrefix: string;
  private readonly ttlMs: number;

  constructor(
    private readonly redis: Redis,
    options: RedisIdempotencyStoreOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? 'propcast:processed:';
    this.ttlMs = options.ttlMs ?? 7 * 24 * 3600 * 1000;
  }

  /** True when the key exists. */
  async isProcessed(consumer: string, messageId: string): Promise<boolean> {
    return (await this.redis.exists(this.key(consumer, messageId))) === 1;
  }

  /** Sets the key if absent (the first success wins; its TTL is kept). */
  async markProcessed(consumer: string, messageId: string): Promise<void> {
    await this.redis.set(this.key(consumer, messageId), Date.now().toString(), 'PX', this.ttlMs, 'NX');
  }

  private key(consumer: string, messageId: string): string {
    return `${this.keyPrefix}${consumer}:${messageId}`;
  }
}
