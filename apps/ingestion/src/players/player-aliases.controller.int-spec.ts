import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { boxScoreJsonRow } from '@propcast/ingestion/testing';
import { streamName } from '@propcast/contracts';
import { installTestHttpPlatform, testAuthHeaders } from '@propcast/observability/testing';
import { AppModule } from '../app.module';
import { loadIngestionConfig } from '../config';
import { configureIngestionApp, INGESTION_HTTP } from '../http-setup';

const player = (playerId: number, playerName: string) => boxScoreJsonRow(playerId, { playerName });

describe('ingestion HTTP API: player aliases', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let artifacts: string;
  let prefix: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    artifacts = mkdtempSync(join(tmpdir(), 'propcast-aliases-http-'));
    prefix = `test-${randomBytes(6).toString('hex')}-`;
    const config = loadIngestionConfig({ ...process.env, DATABASE_URL: db.url, ARTIFACT_STORE_URI: artifacts, EVENT_TOPIC_PREFIX: prefix });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    installTestHttpPlatform(app, 'ingestion', { ...INGESTION_HTTP, auth: { rateLimitsPerMinute: INGESTION_HTTP.rateLimitsPerMinute(config) } });
    configureIngestionApp(app, config);
    await app.init();
    const rows = [player(1630538, 'Bones Hyland'), player(203999, 'Nikola Jokic')];
    await request(app.getHttpServer()).post('/ingest/box-scores').set(testAuthHeaders()).send({ rows }).expect(201);
  });

  afterAll(async () => {
    await app.close();
    const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    await redis.del(streamName('ingestion.completed', prefix));
    redis.disconnect();
    await db.drop();
    rmSync(artifacts, { recursive: true, force: true });
  });

  it('adds (201), lists and removes an alias', async () => {
    const http = request.agent(app.getHttpServer()).set(testAuthHeaders());
    const added = await http.post('/players/aliases').send({ name: "Nah'Shon Hyland", playerId: 1630538, reason: 'his legal name' }).expect(201);
    expect(added.body).toMatchObject({ alias: { alias: 'nahshon hyland', book: '', playerId: 1630538, playerName: 'Bones Hyland', createdBy: 'tester', reason: 'his legal name' }, shadows: [] });
    await http.post('/players/aliases').send({ name: 'The Joker', playerId: 203999, book: 'DraftKings', reason: 'promo name', createdBy: 'ops' }).expect(201);

    const all = await http.get('/players/aliases').expect(200);
    expect(all.body.map((a: { alias: string; book: string }) => [a.alias, a.book])).toEqual([
      ['nahshon hyland', ''],
      ['the joker', 'draftkings'],
    ]);
    const his = await http.get('/players/aliases').query({ playerId: 203999 }).expect(200);
    // The actor is the API key's name: a createdBy in the body is ignored.
    expect(his.body).toEqual([expect.objectContaining({ alias: 'the joker', createdBy: 'tester' })]);

    const removed = await http.delete('/players/aliases').query({ name: 'The Joker', book: 'draftkings' }).expect(200);
    expect(removed.body).toMatchObject({ alias: 'the joker', playerId: 203999 });
    expect((await http.get('/players/aliases').expect(200)).body).toHaveLength(1);
  });

  it('answers bad input 400, an unknown player or alias 404 and a clash 409, naming the field or the reason', async () => {
    const http = request.agent(app.getHttpServer()).set(testAuthHeaders());
    const missing = await http.post('/players/aliases').send({ name: 'X Y', playerId: 'abc' }).expect(400);
    expect(missing.body.message).toContain('playerId: ');
    expect(missing.body.message).toContain('reason: ');
    expect((await http.get('/players/aliases').query({ playerId: 'x' }).expect(400)).body.message).toContain('playerId: ');

    const unknown = await http.post('/players/aliases').send({ name: 'Someone', playerId: 42, reason: 'r' }).expect(404);
    expect(unknown.body).toMatchObject({ error: 'PLAYER_NOT_FOUND', message: 'player 42 is not stored' });
    const sameGame = await http.post('/players/aliases').send({ name: 'Nikola Jokic', playerId: 1630538, reason: 'r' }).expect(409);
    expect(sameGame.body).toMatchObject({ error: 'SAME_GAME' });
    const taken = await http.post('/players/aliases').send({ name: 'Nahshon Hyland', playerId: 203999, reason: 'r' }).expect(409);
    expect(taken.body).toMatchObject({ error: 'ALIAS_TAKEN' });
    const gone = await http.delete('/players/aliases').query({ name: 'Nobody' }).expect(404);
    expect(gone.body).toMatchObject({ error: 'NOT_FOUND', message: 'no alias "nobody" for every book' });
    expect((await http.get('/players/aliases').expect(200)).body.map((a: { alias: string }) => a.alias)).toEqual(['nahshon hyland']);
  });

  it('documents the routes in OpenAPI', async () => {
    const res = await request(app.getHttpServer()).get('/docs-json').set(testAuthHeaders('read')).expect(200);
    expect(Object.keys(res.body.paths['/players/aliases']).sort()).toEqual(['delete', 'get', 'post']);
  });
});
