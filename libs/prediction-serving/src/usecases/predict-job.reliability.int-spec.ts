import { randomBytes } from 'node:crypto';
import { createServingRepositories } from '../composition/serving-repositories';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArtifactStore } from '@propcast/artifact-store';
import { TcpProxy } from '@propcast/common';
import type { PredictionJob } from '@propcast/contracts';
import { ConnectionLostError, createPgPool } from '@propcast/db';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { ModelRegistry } from '@propcast/model-registry';
import type { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { FeatureStoreSource } from '../features/feature-source';
import { ArtifactModelLoader } from '../models/model-loader';
import { ModelCache } from '../models/model-cache';
import { ServingModels } from '../models/serving-models';
import { openPredictionQueue } from '../queue/prediction-queue';
import { coordinatorUseCases } from '../testing/coordinator-use-cases';
import { RecordingBus } from '../testing/recording-bus';
import { seedSlate } from '../testing/seed-slate';
import { createSyntheticTrainer } from '../testing/train-models';
import { PredictJobUseCase } from './predict-job.usecase';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const GAME_DATE = '2025-01-20';

/**
 * Finding 4 of issue 13, on the worker's side: a Postgres connection dropped while a prediction job held it killed the
 * worker process. Now the job fails with a retryable error (BullMQ retries it) and the next attempt records it.
 */
describe('a prediction job whose Postgres connection drops (reliability)', () => {
  let db: TestDatabase;
  let artifacts: string;
  let queue: Queue<PredictionJob>;
  let serving: ServingModels;
  let proxy: TcpProxy;
  let pool: Pool;
  let predict: PredictJobUseCase;
  let uc: ReturnType<typeof coordinatorUseCases>;
  const uncaught: Error[] = [];
  const onUncaught = (err: Error): void => {
    uncaught.push(err);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    artifacts = mkdtempSync(join(tmpdir(), 'propcast-serving-drop-'));
    const store = createArtifactStore(`file://${artifacts}`);
    await createSyntheticTrainer({ prisma: db.prisma, pool: db.pool, store }, { until: GAME_DATE }).trainProduction(['POINTS']);
    await seedSlate(db.pool, { gameDate: GAME_DATE, players: 20, books: ['dk'], statsWithLines: ['POINTS'] });
    queue = openPredictionQueue({ redisUrl: REDIS_URL, prefix: `t-${randomBytes(4).toString('hex')}` });
    uc = coordinatorUseCases(db.pool, queue, new RecordingBus(), { jobSize: 50 });
    const target = new URL(db.url);
    proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).up();
    const proxied = new URL(db.url);
    proxied.host = `127.0.0.1:${proxy.port}`;
    pool = createPgPool(proxied.toString(), 3, () => undefined);
    serving = new ServingModels(new ModelRegistry(db.prisma), new ModelCache(new ArtifactModelLoader(store), 4), { refreshIntervalMs: 60_000 });
    predict = new PredictJobUseCase(pool, createServingRepositories(), new FeatureStoreSource(pool, null), serving, { minEdge: 0.03, minConfidence: 0.05, kellyFraction: 0.25, kellyCap: 0.05 });
    process.on('uncaughtException', onUncaught);
  }, 120_000);

  afterAll(async () => {
    process.removeListener('uncaughtException', onUncaught);
    await serving?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await pool?.end();
    await proxy?.down();
    await db?.drop();
    rmSync(artifacts, { recursive: true, force: true });
  });

  it('fails the attempt with ConnectionLostError and nothing recorded; the retry records the job once', async () => {
    await uc.start.execute({ gameDate: GAME_DATE, stats: ['POINTS'], trigger: 'manual' });
    const [job] = (await queue.getJobs(['waiting'])).map((j) => j.data);
    // Another session holds the job row, so the attempt waits inside its transaction with its client checked out.
    const holder = await db.pool.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM prediction_jobs WHERE id = $1 FOR UPDATE', [job.jobId]);
    const attempt = predict.execute({ job, attempt: 1 }).then(
      () => 'recorded',
      (err: unknown) => err,
    );
    for (let waited = 0; ; waited += 20) {
      const blocked = await db.pool.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted`);
      if (blocked.rows[0].n > 0) break;
      if (waited > 30_000) throw new Error('the attempt never reached the job row');
      await new Promise((r) => setTimeout(r, 20));
    }
    await proxy.down();
    const outcome = await attempt;
    expect(uncaught).toEqual([]);
    expect(outcome).toBeInstanceOf(ConnectionLostError);
    await holder.query('ROLLBACK');
    holder.release();
    const before = await db.pool.query(`SELECT state::text AS state, (SELECT count(*)::int FROM predictions) AS predictions FROM prediction_jobs WHERE id = $1`, [job.jobId]);
    expect(before.rows[0]).toEqual({ state: expect.not.stringMatching(/^DONE$/), predictions: 0 });

    await proxy.up();
    expect(await predict.execute({ job, attempt: 2 })).toMatchObject({ outcome: 'done', succeeded: job.requests.length, failed: 0 });
    const after = await db.pool.query(`SELECT state::text AS state, (SELECT count(*)::int FROM predictions) AS predictions FROM prediction_jobs WHERE id = $1`, [job.jobId]);
    expect(after.rows[0]).toEqual({ state: 'DONE', predictions: job.requests.length });
    expect(uncaught).toEqual([]);
  }, 60_000);
});
