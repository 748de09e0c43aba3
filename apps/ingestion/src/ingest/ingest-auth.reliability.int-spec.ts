import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { installTestHttpPlatform, testAuthHeaders } from '@propcast/observability/testing';
import { AppModule } from '../app.module';
import { loadIngestionConfig } from '../config';
import { configureIngestionApp, INGESTION_HTTP } from '../http-setup';

const SCHEDULE = (n: number) => `game_id,game_date,home_team,away_team,tipoff_at\n00223${String(n).padStart(5, '0')},2023-11-02,DEN,LAL,2023-11-03T02:00:00Z\n`;

/** Issue 13, finding 1, on the real ingestion app: imports need a full key, and a flood of imports gets 429. */
describe('ingestion imports need an API key and are rate-limited per key (reliability: finding 1)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let artifacts: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    artifacts = mkdtempSync(join(tmpdir(), 'propcast-ingest-auth-'));
    const config = loadIngestionConfig({
      ...process.env,
      DATABASE_URL: db.url,
      ARTIFACT_STORE_URI: artifacts,
      EVENT_TOPIC_PREFIX: `ingest-auth-${randomBytes(4).toString('hex')}-`,
      IMPORT_RATE_LIMIT_PER_MINUTE: '2',
      INGEST_MAX_BODY_BYTES: String(64 * 1024 * 1024),
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    installTestHttpPlatform(app, 'ingestion', { ...INGESTION_HTTP, auth: { rateLimitsPerMinute: INGESTION_HTTP.rateLimitsPerMinute(config) } });
    configureIngestionApp(app, config);
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
    rmSync(artifacts, { recursive: true, force: true });
  });

  const batches = async () => (await db.pool.query(`SELECT count(*)::int AS n FROM ingest_batches`)).rows[0].n as number;
  const schedule = (headers: Record<string, string>, n: number) => request(app.getHttpServer()).post('/ingest/schedule').set(headers).set('content-type', 'text/csv').send(SCHEDULE(n));

  it('answers 401 without a key and 403 for a read key, writing nothing', async () => {
    const none = await schedule({}, 1).expect(401);
    expect(none.body).toMatchObject({ statusCode: 401, error: 'UNAUTHORIZED', requestId: expect.any(String) });
    const read = await schedule(testAuthHeaders('read'), 1).expect(403);
    expect(read.body).toMatchObject({ statusCode: 403, error: 'FORBIDDEN', message: expect.stringMatching(/reader is read-only.*POST \/ingest\/schedule/) });
    expect(await batches()).toBe(0);
  });

  it('guards every import route the same way, the game-lines and availability imports included', async () => {
    for (const route of ['/ingest/box-scores', '/ingest/props', '/ingest/game-lines', '/ingest/availability']) {
      const post = (headers: Record<string, string>) => request(app.getHttpServer()).post(route).set(headers).set('content-type', 'text/csv').send('a,b\n1,2\n');
      await post({}).expect(401);
      const read = await post(testAuthHeaders('read')).expect(403);
      expect(read.body.message).toContain(`POST ${route}`);
    }
    expect(await batches()).toBe(0);
  });

  it('answers an unauthenticated 32 MB upload 401 without buffering it (the rest is discarded, then the connection cut)', async () => {
    const res = await request(app.getHttpServer())
      .post('/ingest/box-scores')
      .set('content-type', 'text/csv')
      .send(Buffer.alloc(32 * 1024 * 1024, 'a'))
      .ok(() => true);
    expect(res.status).toBe(401);
    expect(await batches()).toBe(0);
  });

  it('answers 429 with Retry-After past IMPORT_RATE_LIMIT_PER_MINUTE imports of one key', async () => {
    await schedule(testAuthHeaders(), 2).expect(201);
    await schedule(testAuthHeaders(), 3).expect(201);
    const flood = await schedule(testAuthHeaders(), 4).expect(429);
    expect(flood.body).toMatchObject({ statusCode: 429, error: 'TOO_MANY_REQUESTS', message: expect.stringContaining('tester sent more than 2 imports requests in a minute') });
    expect(Number(flood.headers['retry-after'])).toBeGreaterThan(0);
    expect(await batches()).toBe(2);
    // The audit actor of each batch is the key's name.
    const actors = await db.pool.query(`SELECT DISTINCT actor FROM ingest_batches`);
    expect(actors.rows).toEqual([{ actor: 'tester' }]);
  });
});
