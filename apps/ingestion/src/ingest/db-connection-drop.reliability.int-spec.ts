import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { TcpProxy } from '@propcast/common';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { boxScoreJsonRow } from '@propcast/ingestion/testing';
import { AppModule } from '../app.module';
import { loadIngestionConfig } from '../config';
import { configureIngestionApp } from '../http-setup';

const row = (playerId: number) => boxScoreJsonRow(playerId);

/**
 * Finding 4 of issue 13: a Postgres connection dropped while an import held it raised an unhandled 'error' on the
 * checked-out pg client and killed the ingestion process (a Cloud SQL failover would kill every busy pod).
 */
describe('ingestion with its Postgres connection cut during an import (reliability)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let artifacts: string;
  let proxy: TcpProxy;
  const uncaught: Error[] = [];
  const onUncaught = (err: Error): void => {
    uncaught.push(err);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    artifacts = mkdtempSync(join(tmpdir(), 'propcast-db-drop-'));
    const target = new URL(db.url);
    proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).up();
    const proxied = new URL(db.url);
    proxied.host = `127.0.0.1:${proxy.port}`;
    const config = loadIngestionConfig({
      ...process.env,
      DATABASE_URL: proxied.toString(),
      ARTIFACT_STORE_URI: artifacts,
      EVENT_TOPIC_PREFIX: `test-${randomBytes(6).toString('hex')}-`,
      LOG_LEVEL: 'error',
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureIngestionApp(app, config);
    await app.init();
    process.on('uncaughtException', onUncaught);
  });

  afterAll(async () => {
    process.removeListener('uncaughtException', onUncaught);
    await proxy.up().catch(() => undefined);
    await app?.close();
    await proxy?.down();
    await db?.drop();
    rmSync(artifacts, { recursive: true, force: true });
  });

  it('answers 503 (retry) with nothing written, keeps serving, and the retried import succeeds once the database is back', async () => {
    // Hold the import lock from outside, so the import waits inside its transaction, its client checked out and busy.
    const holder = await db.pool.connect();
    await holder.query('SELECT pg_advisory_lock(4242004)');
    const body = { rows: [row(1), row(2)] };
    const answer = request(app.getHttpServer())
      .post('/ingest/box-scores')
      .send(body)
      .then((r) => r);
    for (let waited = 0; ; waited += 20) {
      const waiting = await db.pool.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
      if (waiting.rows[0].n > 0) break;
      if (waited > 10_000) throw new Error('the import never reached its lock');
      await new Promise((r) => setTimeout(r, 20));
    }
    await proxy.down();
    const failed = await answer;
    expect(uncaught).toEqual([]);
    expect(failed.status).toBe(503);
    expect(failed.headers['retry-after']).toBe('5');
    expect(failed.body).toMatchObject({ statusCode: 503, message: expect.stringContaining('the database is unavailable and the import did not complete; retry it') });
    await holder.query('SELECT pg_advisory_unlock(4242004)');
    holder.release();
    const written = await db.pool.query(`SELECT (SELECT count(*)::int FROM player_game_stats) AS stats, (SELECT count(*)::int FROM ingest_batches) AS batches`);
    expect(written.rows[0]).toEqual({ stats: 0, batches: 0 });

    // Still down: refused connections are a 503 too, and the process answers.
    await request(app.getHttpServer()).post('/ingest/box-scores').send(body).expect(503);
    await request(app.getHttpServer()).get('/health').expect(200);

    await proxy.up();
    const retried = await request(app.getHttpServer()).post('/ingest/box-scores').send(body).expect(201);
    expect(retried.body).toMatchObject({ status: 'ACCEPTED', rows: { inserted: 2 } });
    expect(uncaught).toEqual([]);
  }, 60_000);
});
