import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { Redis } from 'ioredis';
import { streamName, type EventEnvelope } from '@propcast/contracts';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { boxScoreJsonRow } from '@propcast/ingestion/testing';
import { createFeaturePipeline } from '@propcast/feature-pipeline';
import { createEventBus, type EventBus } from '@propcast/messaging';
import { TcpProxy, waitFor } from '@propcast/messaging/testing';
import { AppModule } from '../app.module';
import { loadIngestionConfig } from '../config';
import { configureIngestionApp } from '../http-setup';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const DATE = '2023-10-24';

const row = (playerId: number, team: string, opponent: string, isHome: boolean) => boxScoreJsonRow(playerId, { gameDate: DATE, team, opponent, isHome });

/** Finding 3 of issue 13: an import while Redis is down used to answer 201 with `events.failed: 1` and lose the date. */
describe('an import while Redis is down (reliability)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let artifacts: string;
  let proxy: TcpProxy;
  let consumer: EventBus;
  let redis: Redis;
  const prefix = `test-${randomBytes(6).toString('hex')}-`;
  const received: EventEnvelope<'ingestion.completed'>[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    artifacts = mkdtempSync(join(tmpdir(), 'propcast-redis-down-'));
    const target = new URL(REDIS_URL);
    proxy = await new TcpProxy(target.hostname, Number(target.port || 6379)).up();
    redis = new Redis(REDIS_URL);
    // The feature store's part, on the real Redis: recompute the date an ingestion.completed names.
    const pipeline = createFeaturePipeline({ pool: db.pool, progress: { quiet: true } });
    consumer = createEventBus({ transport: 'redis-streams', topicPrefix: prefix, idempotency: false, drainTimeoutMs: 500 });
    await consumer.subscribe('ingestion.completed', 'feature-store', async (event) => {
      await pipeline.recompute.onIngestion(event.data);
      received.push(event);
    });
    const config = loadIngestionConfig({ ...process.env, DATABASE_URL: db.url, REDIS_URL: proxy.url('redis'), ARTIFACT_STORE_URI: artifacts, EVENT_TOPIC_PREFIX: prefix, LOG_LEVEL: 'error' });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureIngestionApp(app, config);
    await app.init();
  });

  afterAll(async () => {
    await proxy.up().catch(() => undefined);
    await app?.close();
    await consumer?.close();
    await redis.del(streamName('ingestion.completed', prefix));
    redis.disconnect();
    await proxy.down();
    await db?.drop();
    rmSync(artifacts, { recursive: true, force: true });
  });

  it('answers 201 with the event pending in the outbox, and delivers it when Redis is back: the date gets its features', async () => {
    await proxy.down();
    const body = { rows: [row(1, 'DEN', 'LAL', true), row(2, 'LAL', 'DEN', false)] };
    const res = await request(app.getHttpServer()).post('/ingest/box-scores').send(body).expect(201);
    expect(res.body).toMatchObject({ status: 'ACCEPTED', gameDates: [DATE], rows: { inserted: 2 } });
    expect(res.body.events).toEqual({ queued: 1, published: 0, pending: 1 });

    const stored = await db.pool.query(`SELECT event_id, event_type, payload, published_at FROM outbox`);
    expect(stored.rows).toEqual([
      {
        event_id: expect.any(String),
        event_type: 'ingestion.completed',
        payload: expect.objectContaining({ data: expect.objectContaining({ gameDate: DATE, batchId: res.body.batchId }) }),
        published_at: null,
      },
    ]);
    const eventId = stored.rows[0].event_id as string;
    expect(await redis.xlen(streamName('ingestion.completed', prefix))).toBe(0);

    // Re-sending the file is a no-op DUPLICATE: the event it needs is already waiting, not lost.
    await request(app.getHttpServer()).post('/ingest/box-scores').send(body).expect(200);

    await proxy.up();
    await waitFor(() => received.some((e) => e.id === eventId), 40_000, 'ingestion.completed delivered after Redis came back');
    const features = await db.pool.query(`SELECT count(*)::int AS n FROM feature_rows WHERE game_date = $1`, [DATE]);
    expect(features.rows[0].n).toBe(2);
    await waitFor(async () => (await db.pool.query(`SELECT published_at FROM outbox WHERE event_id = $1`, [eventId])).rows[0].published_at !== null, 5_000, 'the outbox row marked published');
  });
});
