import { Redis } from 'ioredis';
import { defaultRedisUrl } from '../config';
import { deleteKeysWithPrefix } from '../testing/redis-cleanup';
import { uniqueSuffix } from '../testing/wait-for';
import { RedisIdempotencyStore } from './redis-idempotency.store';

describe('RedisIdempotencyStore', () => {
  const redis = new Redis(defaultRedisUrl());
  const keyPrefix = `t-${uniqueSuffix()}.processed:`;
  const store = new RedisIdempotencyStore(redis, { keyPrefix, ttlMs: 60_000 });

  afterAll(async () => {
    await deleteKeysWithPrefix(redis, keyPrefix);
    await redis.quit();
  });

  it('remembers processed ids per consumer, with a TTL', async () => {
    expect(await store.isProcessed('coordinator', 'id-1')).toBe(false);
    await store.markProcessed('coordinator', 'id-1');
    expect(await store.isProcessed('coordinator', 'id-1')).toBe(true);
    expect(await store.isProcessed('trainer', 'id-1')).toBe(false);
    const ttl = await redis.pttl(`${keyPrefix}coordinator:id-1`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('keeps the first mark (SET NX)', async () => {
    await redis.set(`${keyPrefix}c:id-2`, 'first', 'PX', 60_000);
    await store.markProcessed('c', 'id-2');
    expect(await redis.get(`${keyPrefix}c:id-2`)).toBe('first');
  });
});
