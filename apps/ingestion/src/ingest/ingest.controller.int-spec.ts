import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { boxScoreJsonRow } from '@propcast/ingestion/testing';
import { streamName } from '@propcast/contracts';
import { AppModule } from '../app.module';
import { loadIngestionConfig } from '../config';
import { installTestHttpPlatform, testAuthHeaders } from '@propcast/observability/testing';
import { configureIngestionApp, INGESTION_HTTP } from '../http-setup';

const DATA = process.env['PROPCAST_SHARED_DATA'] ?? resolve(__dirname, '../../../../../shared/data');
const MAX_BODY = 256 * 1024;

/** The header and first `n` non-preseason lines of the main box-score file. */
function boxScoreSlice(n: number): Buffer {
  const [header, ...lines] = gunzipSync(readFileSync(join(DATA, 'boxscores/player_boxscores_2012-13_to_2020-21.csv.gz')))
    .toString()
    .split('\n');
  return Buffer.from(`${[header, ...lines.filter((l) => l && !l.includes(',Preseason,')).slice(0, n)].join('\n')}\n`);
}

const jsonRow = (playerId: number, pts = 21) => boxScoreJsonRow(playerId, { pts, ftm: pts - 21, fta: pts - 21 + 1 });

describe('ingestion HTTP API', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let artifacts: string;
  let prefix: string;
  let redis: Redis;

  beforeAll(async () => {
    db = await createTestDatabase();
    artifacts = mkdtempSync(join(tmpdir(), 'propcast-ingest-http-'));
    prefix = `test-${randomBytes(6).toString('hex')}-`;
    redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    const config = loadIngestionConfig({ ...process.env, DATABASE_URL: db.url, ARTIFACT_STORE_URI: artifacts, EVENT_TOPIC_PREFIX: prefix, INGEST_MAX_BODY_BYTES: String(MAX_BODY) });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    installTestHttpPlatform(app, 'ingestion', { ...INGESTION_HTTP, auth: { rateLimitsPerMinute: INGESTION_HTTP.rateLimitsPerMinute(config) } });
    configureIngestionApp(app, config);
    await app.init();
  });

  const http = () => request.agent(app.getHttpServer()).set(testAuthHeaders());

  afterAll(async () => {
    await app.close();
    await redis.del(streamName('ingestion.completed', prefix));
    redis.disconnect();
    await db.drop();
    rmSync(artifacts, { recursive: true, force: true });
  });

  it('serves OpenAPI at /docs with the three endpoints and the responsible-gambling notice', async () => {
    const res = await http().get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/ingest/box-scores', '/ingest/schedule', '/ingest/props']));
    expect(res.body.info.description).toContain('estimates, not guarantees');
    expect(res.body.info.description).toContain('1-800-GAMBLER');
    expect(res.body.info.description).toContain('BeGambleAware');
    await http().get('/docs').expect(200);
  });

  it('imports a JSON body (201), answers the same body again as a duplicate (200), and publishes the date', async () => {
    const body = { rows: [jsonRow(1), jsonRow(2)] };
    const created = await http().post('/ingest/box-scores').send(body).expect(201);
    expect(created.body).toMatchObject({ status: 'ACCEPTED', source: 'http', format: 'json', rows: { inserted: 2 }, gameDates: ['2023-10-24'] });
    const again = await http().post('/ingest/box-scores').send(body).expect(200);
    expect(again.body).toMatchObject({ status: 'DUPLICATE', duplicateOf: created.body.batchId });
    const entries = await redis.xrange(streamName('ingestion.completed', prefix), '-', '+');
    expect(entries).toHaveLength(1);
  });

  it('imports a multipart CSV.gz upload', async () => {
    const file = await import('node:zlib').then((z) => z.gzipSync(boxScoreSlice(300)));
    const res = await http().post('/ingest/box-scores').attach('file', file, 'player_boxscores_head.csv.gz').expect(201);
    expect(res.body).toMatchObject({ status: 'ACCEPTED', source: 'http:player_boxscores_head.csv.gz', format: 'csv.gz', rows: { total: 300, inserted: 300 } });
  });

  it('rejects an invalid batch with 422 and every problem as row and field; nothing is written', async () => {
    const before = await db.pool.query(`SELECT count(*)::int AS n FROM player_game_stats`);
    const res = await http()
      .post('/ingest/box-scores')
      .send({ rows: [jsonRow(3), { ...jsonRow(4), minutes: '75' }, { ...jsonRow(5), fgm: 20 }] })
      .expect(422);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'IMPORT_REJECTED', message: expect.any(String), requestId: expect.any(String) });
    expect(res.body.details).toMatchObject({ status: 'REJECTED', problemCount: 3 });
    expect(res.body.details.errors).toEqual([
      'row 2, field minutes: 75 is out of range (0 to 70)',
      'row 3, field fgm: 20 made is more than 16 attempted (FGA)',
      'row 3, field pts: 21 is not 2×FGM + FG3M + FTM (41)',
    ]);
    const after = await db.pool.query(`SELECT count(*)::int AS n FROM player_game_stats`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('answers 207 for a partial import with allowPartial=true, and 200 for a dry run', async () => {
    const partial = await http()
      .post('/ingest/box-scores?allowPartial=true')
      .send({ rows: [jsonRow(6), { ...jsonRow(7), minutes: '99' }] })
      .expect(207);
    expect(partial.body).toMatchObject({ status: 'PARTIAL', rows: { inserted: 1, rejected: 1 } });
    expect(partial.body.rejectUri).toMatch(/\/rejects\/.+\.ndjson\.gz$/);
    const dry = await http()
      .post('/ingest/box-scores?dryRun=true')
      .send({ rows: [jsonRow(8)] })
      .expect(200);
    expect(dry.body).toMatchObject({ status: 'ACCEPTED', dryRun: true, rows: { inserted: 1 } });
  });

  it('answers 413 for a body or an uploaded file above INGEST_MAX_BODY_BYTES', async () => {
    const big = Buffer.alloc(MAX_BODY + 1, 'a');
    const body = await http().post('/ingest/box-scores').set('Content-Type', 'text/csv').send(big);
    expect(body.status).toBe(413);
    expect(body.body).toEqual({ statusCode: 413, error: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/larger than 262144 bytes/), requestId: expect.any(String) });
    const upload = await http().post('/ingest/box-scores').attach('file', big, 'big.csv');
    expect(upload.status).toBe(413);
    expect(upload.body).toMatchObject({ statusCode: 413, error: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers 400 without a body, or with a bad query option', async () => {
    await http().post('/ingest/box-scores').expect(400);
    const bad = await http()
      .post('/ingest/box-scores?allowPartial=maybe')
      .send({ rows: [jsonRow(9)] })
      .expect(400);
    expect(bad.body.message).toMatch(/^allowPartial:/);
  });

  it('imports a schedule as a CSV body and prop lines as JSON with a batch capture time', async () => {
    const schedule = await http()
      .post('/ingest/schedule')
      .set('Content-Type', 'text/csv')
      .send('game_id,game_date,home_team,away_team,tipoff_at\n0022300050,2023-11-02,DEN,Los Angeles Lakers,2023-11-03T02:00:00Z\n')
      .expect(201);
    expect(schedule.body).toMatchObject({ kind: 'SCHEDULE', status: 'ACCEPTED', rows: { inserted: 1 } });
    const props = await http()
      .post('/ingest/props?capturedAt=2023-11-02T16:00:00Z')
      .send({ rows: [{ playerName: 'Player 1', gameDate: '2023-11-02', team: 'DEN', stat: 'points', line: 22.5, overPrice: -110, underPrice: -110, book: 'draftkings' }] })
      .expect(201);
    expect(props.body).toMatchObject({ kind: 'PROPS', status: 'ACCEPTED', rows: { inserted: 1 } });
    const line = await db.pool.query(`SELECT game_id, player_id, to_char(captured_at, 'YYYY-MM-DD HH24:MI') AS at FROM prop_lines`);
    expect(line.rows).toEqual([{ game_id: '0022300050', player_id: 1, at: '2023-11-02 16:00' }]);
  });
});
