import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { AppModule } from '../app.module';
import { loadIngestionConfig } from '../config';
import { configureIngestionApp } from '../http-setup';

const MiB = 1024 * 1024;

/**
 * A gzip bomb: 96 gzip members of 16 MiB of zeros each (gunzip reads concatenated members as one stream), about
 * 1.5 MB that inflate to 1.5 GiB, the size of the one in issue 13. Built in milliseconds from one compressed member.
 */
function gzipBomb(): Buffer {
  const member = gzipSync(Buffer.alloc(16 * MiB), { level: 9 });
  return Buffer.concat(Array.from({ length: 96 }, () => member));
}

/** Samples the resident set while `work` runs; resolves with its result and the largest growth seen (bytes). */
async function peakRssGrowth<T>(work: () => Promise<T>): Promise<{ value: T; growth: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, growth: peak - base };
  } finally {
    clearInterval(sampler);
  }
}

/** Finding 2 of issue 13: a 1.5 MB gzip inflating to 1.5 GB kept a core and 3 GB busy for minutes, with no answer. */
describe('a decompression bomb sent to the ingestion API (reliability)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let artifacts: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    artifacts = mkdtempSync(join(tmpdir(), 'propcast-bomb-'));
    // The service's defaults: 100 MiB body, 256 MiB inflated, 1 MiB lines.
    const config = loadIngestionConfig({ ...process.env, DATABASE_URL: db.url, ARTIFACT_STORE_URI: artifacts, EVENT_TOPIC_PREFIX: `test-${randomBytes(6).toString('hex')}-`, LOG_LEVEL: 'error' });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureIngestionApp(app, config);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(artifacts, { recursive: true, force: true });
  });

  const nothingStored = async (): Promise<void> => {
    const batches = await db.pool.query(`SELECT count(*)::int AS n FROM ingest_batches`);
    expect(batches.rows[0].n).toBe(0);
    expect(readdirSync(artifacts)).toEqual([]);
  };

  it('answers 413 naming INGEST_MAX_INFLATED_BYTES at once, with memory bounded, and stores nothing', async () => {
    const bomb = gzipBomb();
    expect(bomb.length).toBeLessThan(2 * MiB);
    const started = Date.now();
    const { value: res, growth } = await peakRssGrowth(() => request(app.getHttpServer()).post('/ingest/box-scores').set('content-type', 'application/gzip').send(bomb));
    const elapsedMs = Date.now() - started;
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      statusCode: 413,
      error: 'PAYLOAD_TOO_LARGE',
      details: { limit: 'INGEST_MAX_INFLATED_BYTES' },
      message: expect.stringContaining('inflates to more than 268435456 bytes'),
    });
    // Guards against the old behaviour (minutes, gigabytes), not a benchmark: about 0.3 s and a few MB here.
    expect(elapsedMs).toBeLessThan(10_000);
    expect(growth).toBeLessThan(200 * MiB);
    await nothingStored();
  }, 60_000);

  it('answers 413 for a CSV line longer than INGEST_MAX_LINE_CHARS, naming the line, before buffering it whole', async () => {
    const csv = Buffer.concat([Buffer.from('PLAYER_ID,PLAYER_NAME,GAME_ID,GAME_DATE\n1,A,0022300001,2023-10-24\n'), Buffer.alloc(8 * MiB, 'x')]);
    const res = await request(app.getHttpServer()).post('/ingest/box-scores').set('content-type', 'application/gzip').send(gzipSync(csv)).expect(413);
    expect(res.body).toMatchObject({ details: { limit: 'INGEST_MAX_LINE_CHARS', row: 3 }, message: 'line 3 is longer than 1048576 characters (INGEST_MAX_LINE_CHARS)' });
    await nothingStored();
  });

  it('still imports an ordinary gzip body', async () => {
    const csv = 'playerId,playerName,gameId,gameDate,team,opponent,isHome,minutes,pts,reb,ast,fg3m,fgm,fga,ftm,fta\n1,Player 1,0022300001,2023-10-24,DEN,LAL,true,34:12,21,8,5,1,10,16,0,1\n';
    const res = await request(app.getHttpServer())
      .post('/ingest/box-scores')
      .set('content-type', 'text/csv')
      .send(gzipSync(Buffer.from(csv)));
    expect(res.body).toMatchObject({ status: 'ACCEPTED', format: 'csv.gz', rows: { inserted: 1 } });
    expect(res.status).toBe(201);
  });
});
