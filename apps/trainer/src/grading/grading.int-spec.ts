import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { register } from 'prom-client';
import { loadConfig } from '@propcast/config';
import { createEvent } from '@propcast/contracts';
import { DbModule } from '@propcast/db';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { GradingEnv } from '@propcast/grading';
import { DriftEnv } from '@propcast/model-registry';
import { insertBoxScores, insertGame, insertPredictions, insertTeamsAndPlayers } from '@propcast/grading/testing';
import { createEventBus, MessagingModule, type EventBus } from '@propcast/messaging';
import { installTestHttpPlatform, testAuthHeaders } from '@propcast/observability/testing';
import { GradingModule } from './grading.module';

const D1 = '2024-02-01';
const D2 = '2024-02-02';

async function waitFor<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('trainer grading module', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: EventBus;
  const prefix = `grading-test-${process.pid}-${Date.now()}.`;
  const artifacts = mkdtempSync(join(tmpdir(), 'grading-artifacts-'));
  const http = () => request.agent(app.getHttpServer()).set(testAuthHeaders());

  beforeAll(async () => {
    db = await createTestDatabase();
    await insertTeamsAndPlayers(db.pool, [1, 2]);
    for (const [date, game] of [
      [D1, 'G1'],
      [D2, 'G2'],
    ]) {
      await insertGame(db.pool, game, date, 'FINAL');
      await insertPredictions(db.pool, [
        {
          playerId: 1,
          gameId: game,
          gameDate: date,
          stat: 'POINTS',
          modelId: 'points-v3',
          modelVersion: 3,
          book: 'bk',
          predictedMean: 20,
          line: 19.5,
          overPrice: -110,
          underPrice: -110,
          overProbability: 0.6,
          recommendation: 'OVER',
        },
        {
          playerId: 2,
          gameId: game,
          gameDate: date,
          stat: 'POINTS',
          modelId: 'points-v3',
          modelVersion: 3,
          book: 'bk',
          predictedMean: 10,
          line: 11.5,
          overPrice: -110,
          underPrice: -110,
          overProbability: 0.3,
          recommendation: 'UNDER',
        },
      ]);
    }
    await insertBoxScores(db.pool, [
      { playerId: 1, gameId: 'G1', gameDate: D1, pts: 24 },
      { playerId: 2, gameId: 'G1', gameDate: D1, pts: 12 },
    ]);
    const config = loadConfig({ ...DriftEnv, ...GradingEnv }, {});
    app = await NestFactory.create(
      {
        module: class TestRoot {},
        imports: [
          DbModule.forRoot({ databaseUrl: db.url }),
          MessagingModule.forRoot({ transport: 'redis-streams', topicPrefix: prefix, drainTimeoutMs: 200 }),
          GradingModule.forRoot({ config, artifactStoreUri: artifacts, scheduler: false }),
        ],
      },
      { logger: false },
    );
    installTestHttpPlatform(app, 'trainer');
    await app.init();
    bus = createEventBus({ transport: 'redis-streams', topicPrefix: prefix, drainTimeoutMs: 200, idempotency: false });
  });

  afterAll(async () => {
    await bus?.close();
    await app?.close();
    await db?.drop();
    rmSync(artifacts, { recursive: true, force: true });
  });

  it('POST /grades/:date/regrade grades the date; GET /grades summarises it', async () => {
    const res = await http().post(`/grades/${D1}/regrade`).expect(200);
    expect(res.body).toMatchObject({ gameDate: D1, predictions: 2, graded: 2, pending: 0 });
    // 24 vs 20 and 12 vs 10: MAE 3; the over won at -110, the under lost
    const grades = await http().get('/grades').query({ from: D1, to: D2, stat: 'points' }).expect(200);
    expect(grades.body.totals).toEqual([expect.objectContaining({ modelId: 'points-v3', modelVersion: 3, stat: 'POINTS', n: 2, mae: 3, bets: 2, hitRate: 0.5 })]);
    expect(grades.body.days).toEqual([expect.objectContaining({ gameDate: D1, n: 2, mae: 3 })]);
    expect(await register.metrics()).toMatch(/^propcast_graded_mae\{stat="POINTS",model_version="3"\} 3$/m);
  });

  it('GET /grades/challengers reports every serving challenger against production on real prices (read key enough), refusing a bad range', async () => {
    const res = await request(app.getHttpServer()).get('/grades/challengers').query({ from: D1, to: D2 }).set(testAuthHeaders('read')).expect(200);
    expect(res.body).toEqual({ from: D1, to: D2, settings: { minProps: 500, alpha: 0.05, autoPromote: false, windowDays: 90 }, pairs: [] });
    const bad = await http().get('/grades/challengers').query({ from: D2, to: D1 }).expect(400);
    expect(bad.body).toMatchObject({ error: 'INVALID_REQUEST', message: `from (${D2}) is after to (${D1})` });
    await request(app.getHttpServer()).get('/grades/challengers').expect(401);
  });

  it('answers bad requests with 400 and the error code', async () => {
    const res = await http().get('/grades').query({ from: 'yesterday', to: D2 }).expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'INVALID_REQUEST', message: 'from must be a date YYYY-MM-DD, got "yesterday"', requestId: expect.any(String) });
    await http().get('/grades').query({ from: D1, to: D2, stat: 'STEALS' }).expect(400);
    await http().post('/grades/2024-02-30/regrade').expect(400);
    await http().post('/drift/run').send({ bogus: 1 }).expect(400);
  });

  it('needs an API key: 401 without one, 403 for a read key on regrade and drift runs; a read key lists grades', async () => {
    await request(app.getHttpServer()).post(`/grades/${D1}/regrade`).expect(401);
    await request(app.getHttpServer()).get('/grades').query({ from: D1, to: D2 }).expect(401);
    await request(app.getHttpServer()).get('/grades').query({ from: D1, to: D2 }).set(testAuthHeaders('read')).expect(200);
    const regrade = await request(app.getHttpServer()).post(`/grades/${D1}/regrade`).set(testAuthHeaders('read')).expect(403);
    expect(regrade.body).toMatchObject({ statusCode: 403, error: 'FORBIDDEN' });
    await request(app.getHttpServer()).post('/drift/run').set(testAuthHeaders('read')).send({}).expect(403);
  });

  it('grades a date when ingestion.completed reports its box scores', async () => {
    await insertBoxScores(db.pool, [
      { playerId: 1, gameId: 'G2', gameDate: D2, pts: 15 },
      { playerId: 2, gameId: 'G2', gameDate: D2, pts: 9 },
    ]);
    await bus.publish(createEvent('ingestion.completed', { gameDate: D2, batchId: 'props-1', kind: 'PROPS', counts: { inserted: 1, updated: 0, unchanged: 0 } }, 'ingestion'));
    await bus.publish(createEvent('ingestion.completed', { gameDate: D2, batchId: 'box-1', kind: 'BOX_SCORES', counts: { inserted: 2, updated: 0, unchanged: 0 } }, 'ingestion'));
    const graded = await waitFor(async () => {
      const r = await db.pool.query(`SELECT g.* FROM grades g JOIN predictions p ON p.id = g.prediction_id WHERE p.game_date = $1 ORDER BY p.player_id`, [D2]);
      return r.rows.length === 2 && r.rows;
    }, 'the handler to grade D2');
    expect(graded.map((g) => [g.actual, g.result])).toEqual([
      [15, 'LOSS'],
      [9, 'WIN'],
    ]);
  });

  it('POST /drift/run evaluates the production models (none here); GET /drift/reports lists stored reports', async () => {
    await http()
      .post('/drift/run')
      .send({ stats: ['POINTS'], publish: false })
      .expect(200, []);
    await http().get('/drift/reports').query({ stat: 'POINTS' }).expect(200, []);
    await http().post('/drift/run').send({ model: 'nope' }).expect(404);
  });
});
