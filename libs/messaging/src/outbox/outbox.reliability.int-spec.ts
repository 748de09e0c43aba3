import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createEvent, type EventEnvelope } from '@propcast/contracts';
import { createPgPool } from '@propcast/db';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { register } from 'prom-client';
import { RedisStreamsEventBus } from '../redis-streams/redis-streams.bus';
import { TcpProxy } from '../testing/tcp-proxy';
import { waitFor } from '../testing/wait-for';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** The events on a stream, in stream order. */
async function streamEvents(redis: Redis, stream: string): Promise<EventEnvelope[]> {
  const entries = await redis.xrange(stream, '-', '+');
  return entries.map(([, fields]) => JSON.parse(fields[fields.indexOf('event') + 1]) as EventEnvelope);
}

async function metricValue(name: string): Promise<number> {
  const metric = (await register.getMetricsAsJSON()).find((m) => m.name === name);
  return (metric?.values ?? []).reduce((sum, v) => sum + Number(v.value), 0);
}

const completed = (gameDate: string, batchId = 'ib-test') => createEvent('ingestion.completed', { gameDate, batchId, kind: 'BOX_SCORES', counts: { inserted: 1, updated: 0, unchanged: 0 } }, 'test');

describe('transactional outbox (reliability)', () => {
  let db: TestDatabase;
  let redis: Redis;
  const url = new URL(REDIS_URL);

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = new Redis(REDIS_URL);
  });

  afterAll(async () => {
    redis.disconnect();
    await db.drop();
  });

  it('keeps an event written while Redis is down and delivers it, with the same id, when Redis is back', async () => {
    const proxy = await new TcpProxy(url.hostname, Number(url.port || 6379)).up();
    await proxy.down();
    const prefix = `test-${randomBytes(6).toString('hex')}-`;
    const bus = new RedisStreamsEventBus({ transport: 'redis-streams', redisUrl: proxy.url('redis'), topicPrefix: prefix, idempotency: false, logger: quiet });
    const outbox = new Outbox(db.pool, bus, { publishTimeoutMs: 300, retryBaseMs: 100, retryMaxMs: 400, pollIntervalMs: 50, logger: quiet });
    const failuresBefore = await metricValue('propcast_outbox_publish_failures_total');
    try {
      const event = completed('2024-01-05');
      const client = await db.pool.connect();
      await client.query('BEGIN');
      await outbox.enqueue(client, [event]);
      await client.query('COMMIT');
      client.release();

      const flushed = await outbox.flush();
      expect(flushed).toEqual({ published: 0, failed: 1 });
      expect(await outbox.pendingAmong([event.id])).toBe(1);
      const row = await db.pool.query(`SELECT attempts, last_error, published_at FROM outbox WHERE event_id = $1`, [event.id]);
      expect(row.rows[0]).toMatchObject({ attempts: 1, published_at: null, last_error: expect.stringContaining('did not acknowledge') });
      expect(await metricValue('propcast_outbox_publish_failures_total')).toBeGreaterThan(failuresBefore);
      await outbox.relay.refreshBacklog();
      expect(await metricValue('propcast_outbox_pending_events')).toBe(1);

      outbox.start();
      await proxy.up();
      const stream = bus.streamFor('ingestion.completed');
      await waitFor(async () => (await streamEvents(redis, stream)).some((e) => e.id === event.id), 20_000, 'the event on the stream');
      await waitFor(async () => (await outbox.pendingAmong([event.id])) === 0, 5_000, 'the outbox row marked published');
      await outbox.relay.refreshBacklog();
      expect(await metricValue('propcast_outbox_pending_events')).toBe(0);
      const delivered = (await streamEvents(redis, stream)).filter((e) => e.id === event.id);
      expect(delivered[0]).toEqual(event);
      await redis.del(stream);
    } finally {
      await outbox.stop();
      await bus.close();
      await proxy.down();
    }
  });

  it('writes nothing when the transaction rolls back', async () => {
    const bus = new RedisStreamsEventBus({ transport: 'redis-streams', topicPrefix: `test-${randomBytes(6).toString('hex')}-`, idempotency: false, logger: quiet });
    const outbox = new Outbox(db.pool, bus, { logger: quiet });
    const event = completed('2024-01-06');
    const client = await db.pool.connect();
    await client.query('BEGIN');
    await outbox.enqueue(client, [event]);
    await client.query('ROLLBACK');
    client.release();
    const stored = await db.pool.query(`SELECT count(*)::int AS n FROM outbox WHERE event_id = $1`, [event.id]);
    expect(stored.rows[0].n).toBe(0);
    await bus.close();
  });

  it('publishes each event once with two relays at work, in order within each game date', async () => {
    const prefix = `test-${randomBytes(6).toString('hex')}-`;
    const bus = new RedisStreamsEventBus({ transport: 'redis-streams', topicPrefix: prefix, idempotency: false, logger: quiet });
    const writer = new Outbox(db.pool, bus, { logger: quiet });
    const dates = ['2024-02-01', '2024-02-02', '2024-02-03', '2024-02-04'];
    const events = Array.from({ length: 120 }, (_, i) => completed(dates[i % dates.length], `ib-${String(i).padStart(3, '0')}`));
    await writer.enqueue(db.pool, events);
    const relays = [new OutboxRelay(db.pool, bus, { batchSize: 7, logger: quiet }), new OutboxRelay(db.pool, bus, { batchSize: 5, logger: quiet })];
    await Promise.all([...relays.map((r) => r.flush()), ...relays.map((r) => r.flush())]);
    await Promise.all(relays.map((r) => r.flush()));

    const stream = bus.streamFor('ingestion.completed');
    const delivered = await streamEvents(redis, stream);
    expect(delivered.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
    for (const date of dates) {
      const order = delivered.filter((e) => (e.data as { gameDate?: string }).gameDate === date).map((e) => (e.data as { batchId: string }).batchId);
      expect(order).toEqual([...order].sort());
    }
    expect(await writer.pendingAmong(events.map((e) => e.id))).toBe(0);
    await redis.del(stream);
    await bus.close();
  });
  it('publishes again (at least once, same event id) when the relay loses Postgres between the publish and its commit', async () => {
    const prefix = `test-${randomBytes(6).toString('hex')}-`;
    const bus = new RedisStreamsEventBus({ transport: 'redis-streams', topicPrefix: prefix, idempotency: false, logger: quiet });
    const target = new URL(db.url);
    const pgProxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).up();
    const proxied = new URL(db.url);
    proxied.host = `127.0.0.1:${pgProxy.port}`;
    const pool = createPgPool(proxied.toString(), 2, () => undefined);
    let cutAfterPublish = true;
    // The bus acknowledges, then the relay's database goes away before it can mark the row published.
    const flaky = {
      publish: async (event: EventEnvelope): Promise<string> => {
        const id = await bus.publish(event);
        if (cutAfterPublish) {
          cutAfterPublish = false;
          await pgProxy.down();
        }
        return id;
      },
    };
    const relay = new OutboxRelay(pool, flaky, { logger: quiet });
    const event = completed('2024-03-01');
    try {
      await new Outbox(db.pool, bus, { logger: quiet }).enqueue(db.pool, [event]);
      await expect(relay.flush()).rejects.toThrow();
      expect((await db.pool.query(`SELECT published_at FROM outbox WHERE event_id = $1`, [event.id])).rows[0].published_at).toBeNull();

      await pgProxy.up();
      await waitFor(async () => (await relay.flush()).published === 1, 10_000, 'the relay publishing again once Postgres is back');
      const delivered = (await streamEvents(redis, bus.streamFor('ingestion.completed'))).filter((e) => e.id === event.id);
      expect(delivered).toHaveLength(2);
      expect(delivered[1]).toEqual(delivered[0]);
      expect((await db.pool.query(`SELECT published_at FROM outbox WHERE event_id = $1`, [event.id])).rows[0].published_at).not.toBeNull();
    } finally {
      await relay.stop();
      await pool.end();
      await pgProxy.down();
      await redis.del(bus.streamFor('ingestion.completed'));
      await bus.close();
    }
  });
});
