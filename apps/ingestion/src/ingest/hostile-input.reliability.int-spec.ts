import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { boxScoreJsonRow } from '@propcast/ingestion/testing';
import { installTestHttpPlatform, testAuthHeaders } from '@propcast/observability/testing';
import { AppModule } from '../app.module';
import { loadIngestionConfig } from '../config';
import { configureIngestionApp, INGESTION_HTTP } from '../http-setup';

const row = (playerId: number, playerName = `Player ${playerId}`) => boxScoreJsonRow(playerId, { playerName });

/** Issue 13, finding 8: hostile bytes get 422 naming what is wrong (never a 500), and nothing is written. */
describe('ingestion refuses hostile input with 422 (reliability: finding 8)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let artifacts: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    artifacts = mkdtempSync(join(tmpdir(), 'propcast-hostile-'));
    const config = loadIngestionConfig({ ...process.env, DATABASE_URL: db.url, ARTIFACT_STORE_URI: artifacts, EVENT_TOPIC_PREFIX: `hostile-${randomBytes(4).toString('hex')}-` });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    installTestHttpPlatform(app, 'ingestion', { ...INGESTION_HTTP, auth: { rateLimitsPerMinute: { imports: 1000 } } });
    configureIngestionApp(app, config);
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
    rmSync(artifacts, { recursive: true, force: true });
  });

  const post = (path: string) => request(app.getHttpServer()).post(path).set(testAuthHeaders());
  const storedRows = async () => (await db.pool.query(`SELECT (SELECT count(*) FROM player_game_stats)::int + (SELECT count(*) FROM prop_lines)::int AS n`)).rows[0].n as number;

  it.each([
    ['a NUL byte in a player name (JSON)', () => post('/ingest/box-scores').send({ rows: [row(1), row(2, 'Nikola\u0000Jokic')] }), /row 2, field playerName: .*NUL/],
    [
      'a NUL byte in a CSV name',
      () =>
        post('/ingest/box-scores')
          .set('content-type', 'text/csv')
          .send(
            'GAME_ID,GAME_DATE,TEAM_ABBREVIATION,MATCHUP,PLAYER_ID,PLAYER_NAME,MIN,FGM,FGA,FG3M,FG3A,FTM,FTA,REB,AST,PTS\n0022300001,2023-10-24,DEN,DEN vs. LAL,7,Bad\u0000Name,30:00,5,10,1,3,2,2,6,4,13\n',
          ),
      /row 2, field PLAYER_NAME: contains a NUL byte/,
    ],
  ])('%s: 422 naming row and field', async (_what, send, message) => {
    const before = await storedRows();
    const res = await send();
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'IMPORT_REJECTED', requestId: expect.any(String) });
    expect(JSON.stringify(res.body.details.errors)).toMatch(message);
    expect(await storedRows()).toBe(before);
  });

  it.each([
    ['random bytes as props', '/ingest/props', 'application/octet-stream', () => randomBytes(4096)],
    ['random bytes as box scores (CSV)', '/ingest/box-scores', 'text/csv', () => randomBytes(4096)],
    ['random bytes as box scores (JSON)', '/ingest/box-scores', 'application/json', () => randomBytes(4096)],
    ['a gzip of random bytes as props', '/ingest/props', 'application/gzip', () => gzipSync(randomBytes(4096))],
    ['a truncated gzip as box scores', '/ingest/box-scores', 'application/gzip', () => gzipSync(Buffer.alloc(4096, 'x')).subarray(0, 40)],
  ])('%s: 422 with a clear message, nothing written', async (_what, path, contentType, bytes) => {
    const before = await storedRows();
    const res = await post(path).set('content-type', contentType).send(bytes());
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'IMPORT_REJECTED', message: expect.any(String), requestId: expect.any(String) });
    expect(await storedRows()).toBe(before);
    // The rejection itself is audited (its problems quote the bytes, NUL spelled out so Postgres can store them).
    const audit = await db.pool.query(`SELECT status FROM ingest_batches WHERE id = $1`, [res.body.details.batchId]);
    expect(audit.rows).toEqual([{ status: 'REJECTED' }]);
  });
});
