/**
 * Prediction slate benchmark (`npm run bench:slate`).
 *
 * A fresh database gets trainer-trained models for every stat (synthetic history) and a slate of BENCH_REQUESTS
 * (default 10,000) requests: players x 5 stats x 5 books. The coordinator and ONE worker run as child processes,
 * exactly as `nx serve` starts them. After a small warm-up batch (models loaded, connections open), the measured run
 * goes from POST /start to predictions.ready; in the same run the same requests go through in-process feature
 * lookup plus ONNX inference alone (the floor). Prints predictions/s end to end, the ratio to the floor and the
 * p50/p95/p99 job latency, and writes var/bench/slate.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createArtifactStore } from '@propcast/artifact-store';
import { ALL_STATS, type EventEnvelope, type PredictionJob } from '@propcast/contracts';
import { createPgPool, createPrismaClient, databaseUrlFromEnv } from '@propcast/db';
import { dropDatabase, recreateMigratedDatabase } from '@propcast/db/testing';
import { createEventBus } from '@propcast/messaging';
import { testAuthHeaders } from '@propcast/observability/testing';
import { ArtifactModelLoader, bullConnection, FeatureStoreSource, ModelCache, ServingModels } from '@propcast/prediction-serving';
import { ModelRegistry } from '@propcast/model-registry';
import { startService, waitFor, type RunningProcess } from '../../libs/prediction-serving/src/testing/processes';
import { seedSlate } from '../../libs/prediction-serving/src/testing/seed-slate';
import { createSyntheticTrainer } from '../../libs/prediction-serving/src/testing/train-models';
import { keyValueLines } from '@propcast/reporting';

const BENCH_DATABASE = 'propcast_bench_slate';
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 10_000);
const JOB_SIZE = process.env['BENCH_JOB_SIZE'] ?? '250';
const CONCURRENCY = process.env['BENCH_WORKER_CONCURRENCY'] ?? '4';
const ONNX_WORKERS = process.env['BENCH_ONNX_WORKER_THREADS'] ?? '0';
const BOOKS = ['dk', 'fd', 'mgm', 'czr', 'bet365'];
const GAME_DATE = '2025-03-15';
const WARMUP_DATE = '2025-03-14';
const OUT_DIR = resolve(__dirname, '../../var/bench');
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The floor: the same jobs through in-process feature lookup and one ONNX run per job, nothing else. */
async function timeInProcessFloor(jobs: readonly PredictionJob[], models: ServingModels, source: FeatureStoreSource): Promise<number> {
  const run = async () => {
    let predicted = 0;
    for (const job of jobs) {
      const model = (await models.forStat(job.stat)).primary;
      if (!model) throw new Error(`no model for ${job.stat}`);
      const vectors = await source.vectors(model.info.featureSetId, job.gameDate, [...new Set(job.requests.map((r) => r.playerId))]);
      if (vectors.featureNames.join() !== model.featureNames.join()) throw new Error('the floor assumes models in feature-set column order');
      const width = model.predictor.numFeatures;
      const input = new Float32Array(job.requests.length * width);
      job.requests.forEach((r, k) => input.set(vectors.get(r.playerId, r.gameId) ?? new Float32Array(width).fill(NaN), k * width));
      predicted += (await model.predictor.predict(input)).length;
    }
    return predicted;
  };
  await run();
  const started = performance.now();
  const predicted = await run();
  const seconds = (performance.now() - started) / 1000;
  if (predicted !== jobs.reduce((n, j) => n + j.requests.length, 0)) throw new Error('the floor predicted a different number of requests');
  return seconds;
}

async function main(): Promise<void> {
  const baseUrl = databaseUrlFromEnv();
  const url = await recreateMigratedDatabase(BENCH_DATABASE, join(__dirname, '../../prisma/migrations'));
  const pool = createPgPool(url, 4);
  const prisma = createPrismaClient(url, { maxConnections: 2 });
  const artifacts = mkdtempSync(join(tmpdir(), 'propcast-bench-slate-'));
  const store = createArtifactStore(`file://${artifacts}`);
  const suffix = randomBytes(4).toString('hex');
  const services: RunningProcess[] = [];
  const redis = new Redis(REDIS_URL);
  const bus = createEventBus({ transport: 'redis-streams', redisUrl: REDIS_URL, topicPrefix: `bench-${suffix}.` });
  try {
    let t = performance.now();
    await createSyntheticTrainer({ prisma, pool, store }, { until: GAME_DATE }).trainProduction(ALL_STATS);
    console.error(`trained ${ALL_STATS.length} models with the trainer in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const players = Math.ceil(REQUESTS / (ALL_STATS.length * BOOKS.length));
    const slate = await seedSlate(pool, { gameDate: GAME_DATE, players, books: BOOKS });
    await seedSlate(pool, { gameDate: WARMUP_DATE, players: 40, books: BOOKS, firstPlayerId: 900_000, gameSerial: 2 });
    console.error(`seeded a slate of ${slate.requests} requests (${players} players x ${ALL_STATS.length} stats x ${BOOKS.length} books)`);

    const env = {
      DATABASE_URL: url,
      REDIS_URL,
      EVENT_TOPIC_PREFIX: `bench-${suffix}.`,
      QUEUE_PREFIX: `bench-${suffix}`,
      FEATURE_CACHE_KEY_PREFIX: `bench-${suffix}:`,
      ARTIFACT_STORE_URI: `file://${artifacts}`,
      LOG_LEVEL: 'error',
    };
    const ready = new Map<string, EventEnvelope<'predictions.ready'>>();
    await bus.subscribe('predictions.ready', `bench-${suffix}`, async (event) => {
      ready.set(event.data.batchId, event);
    });
    const [coordinator] = await Promise.all([
      startService('prediction-coordinator', { ...env, JOB_SIZE }),
      startService('prediction-worker', { ...env, WORKER_CONCURRENCY: CONCURRENCY, ONNX_WORKER_THREADS: ONNX_WORKERS }),
    ]).then((started) => (services.push(...started), started));
    const runBatch = async (gameDate: string): Promise<{ batchId: string; seconds: number }> => {
      const started = performance.now();
      const res = await fetch(`${coordinator.url}/start`, { method: 'POST', headers: { 'content-type': 'application/json', ...testAuthHeaders() }, body: JSON.stringify({ gameDate }) });
      if (res.status !== 202) throw new Error(`/start answered ${res.status}: ${await res.text()}`);
      const { batchId } = (await res.json()) as { batchId: string };
      await waitFor(() => ready.has(batchId), 300_000, `predictions.ready of ${batchId}`);
      return { batchId, seconds: (performance.now() - started) / 1000 };
    };
    await runBatch(WARMUP_DATE);
    const measured = await runBatch(GAME_DATE);
    const counts = ready.get(measured.batchId)?.data.counts;
    if (!counts || counts.completed !== slate.requests || counts.failed !== 0) throw new Error(`unexpected batch counts ${JSON.stringify(counts)}`);

    const queue = new Queue<PredictionJob>('predictions', { connection: bullConnection(REDIS_URL), prefix: env.QUEUE_PREFIX });
    const finished = (await queue.getJobs(['completed'])).filter((j) => j.data.batchId === measured.batchId);
    const processing = finished.map((j) => (j.finishedOn ?? 0) - (j.processedOn ?? 0)).sort((a, b) => a - b);
    const queued = finished.map((j) => (j.finishedOn ?? 0) - j.timestamp).sort((a, b) => a - b);
    await queue.obliterate({ force: true });
    await queue.close();

    const jobs = (
      await pool.query<{ id: string; stat: PredictionJob['stat']; requests: PredictionJob['requests'] }>('SELECT id, stat, requests FROM prediction_jobs WHERE batch_id = $1 ORDER BY id', [
        measured.batchId,
      ])
    ).rows.map((j): PredictionJob => ({ batchId: measured.batchId, jobId: j.id, gameDate: GAME_DATE, stat: j.stat, requests: j.requests }));
    t = performance.now();
    const models = new ServingModels(new ModelRegistry(prisma), new ModelCache(new ArtifactModelLoader(store, { intraOpNumThreads: 1, workers: Number(ONNX_WORKERS) }), 16));
    const floorSeconds = await timeInProcessFloor(jobs, models, new FeatureStoreSource(pool, { redis, keyPrefix: env.FEATURE_CACHE_KEY_PREFIX, ttlSeconds: 3600 })).finally(() => models.close());

    const result = {
      requests: slate.requests,
      predictionsPerSecond: Math.round(slate.requests / measured.seconds),
      overInProcessFloor: Number((measured.seconds / floorSeconds).toFixed(2)),
      jobLatencyMs: { p50: percentile(processing, 50), p95: percentile(processing, 95), p99: percentile(processing, 99) },
      seconds: Number(measured.seconds.toFixed(3)),
      floorSeconds: Number(floorSeconds.toFixed(3)),
      floorPredictionsPerSecond: Math.round(slate.requests / floorSeconds),
      jobs: finished.length,
      jobSize: Number(JOB_SIZE),
      workerConcurrency: Number(CONCURRENCY),
      onnxWorkerThreads: Number(ONNX_WORKERS),
      enqueueToDoneMs: { p50: percentile(queued, 50), p95: percentile(queued, 95), p99: percentile(queued, 99) },
    };
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(join(OUT_DIR, 'slate.json'), `${JSON.stringify(result, null, 2)}\n`);
    const rows: [string, string][] = [
      ['requests (players x stats x books)', String(result.requests)],
      ['end to end, /start -> predictions.ready', `${result.seconds.toFixed(2)} s`],
      ['predictions/s end to end (1 worker)', `${result.predictionsPerSecond}${result.predictionsPerSecond >= 5000 ? '' : '  (target 5000)'}`],
      ['in-process floor (features + inference)', `${result.floorSeconds.toFixed(3)} s, ${result.floorPredictionsPerSecond}/s`],
      ['end to end / floor', `${result.overInProcessFloor}x`],
      [`job latency p50/p95/p99 (${result.jobs} jobs of ${JOB_SIZE})`, `${result.jobLatencyMs.p50} / ${result.jobLatencyMs.p95} / ${result.jobLatencyMs.p99} ms`],
      ['enqueue -> done p50/p95/p99', `${result.enqueueToDoneMs.p50} / ${result.enqueueToDoneMs.p95} / ${result.enqueueToDoneMs.p99} ms`],
    ];
    console.log(keyValueLines(rows));
  } finally {
    await Promise.allSettled(services.map((s) => s.stop()));
    await Promise.allSettled([bus.close(), redis.quit(), pool.end(), prisma.$disconnect()]);
    await dropDatabase(baseUrl, BENCH_DATABASE).catch(() => undefined);
    rmSync(artifacts, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(`bench:slate: ${err.stack ?? err.message}`);
  process.exit(1);
});
