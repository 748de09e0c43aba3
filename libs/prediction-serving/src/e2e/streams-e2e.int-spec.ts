/**
 * End to end on real Postgres and Redis with trainer-trained ONNX models: phase.completed on the Redis Streams bus ->
 * the coordinator service starts the batch -> the worker service predicts -> predictions.ready. Both services run as
 * child processes, exactly as `nx serve` starts them.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArtifactStore } from '@propcast/artifact-store';
import { createEvent, type EventEnvelope } from '@propcast/contracts';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { createEventBus, type EventBus } from '@propcast/messaging';
import { TEST_KEYS } from '@propcast/observability/testing';
import { startService, waitFor, WORKSPACE_ROOT, type RunningProcess } from '../testing/processes';
import { seedSlate, type SeededSlate } from '../testing/seed-slate';
import { createSyntheticTrainer } from '../testing/train-models';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const GAME_DATE = '2025-02-03';
const API_KEY = TEST_KEYS.full;

let db: TestDatabase;
let artifacts: string;
let bus: EventBus;
let coordinator: RunningProcess & { url: string };
let worker: RunningProcess & { url: string };
let slate: SeededSlate;
let trainer: ReturnType<typeof createSyntheticTrainer>;
const ready: EventEnvelope<'predictions.ready'>[] = [];
const suffix = randomBytes(4).toString('hex');

beforeAll(async () => {
  db = await createTestDatabase();
  artifacts = mkdtempSync(join(tmpdir(), 'propcast-e2e-artifacts-'));
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL,
    EVENT_TOPIC_PREFIX: `e2e-${suffix}.`,
    QUEUE_PREFIX: `e2e-${suffix}`,
    FEATURE_CACHE_KEY_PREFIX: `e2e-${suffix}:`,
    ARTIFACT_STORE_URI: `file://${artifacts}`,
  };
  bus = createEventBus({ transport: 'redis-streams', redisUrl: REDIS_URL, topicPrefix: env.EVENT_TOPIC_PREFIX });
  trainer = createSyntheticTrainer({ prisma: db.prisma, pool: db.pool, store: createArtifactStore(`file://${artifacts}`), events: bus }, { until: GAME_DATE });
  await trainer.trainProduction(['POINTS', 'ASSISTS']);
  slate = await seedSlate(db.pool, { gameDate: GAME_DATE, players: 80, books: ['dk', 'fd', 'mgm'], statsWithLines: ['POINTS', 'ASSISTS', 'PRA'] });
  await bus.subscribe('predictions.ready', `e2e-${suffix}`, async (event) => {
    ready.push(event);
  });
  [coordinator, worker] = await Promise.all([
    startService('prediction-coordinator', { ...env, JOB_SIZE: '120', SWEEP_INTERVAL_MS: '1000' }),
    startService('prediction-worker', { ...env, WORKER_CONCURRENCY: '2' }),
  ]);
}, 150_000);

afterAll(async () => {
  await Promise.all([coordinator?.stop(), worker?.stop()]);
  await bus?.close();
  await db.drop();
  rmSync(artifacts, { recursive: true, force: true });
});

const api = (path: string, init: RequestInit = {}, key: string | null = API_KEY) =>
  fetch(`${coordinator.url}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) } });

const phaseCompleted = (processor: string) => createEvent('phase.completed', { phase: 'features', processor, gameDate: GAME_DATE, featureSetId: 'player-props@v1', rows: 80 }, 'feature-store');

it('guards and validates the HTTP API', async () => {
  expect((await api('/status?gameDate=2025-02-03', {}, null)).status).toBe(401);
  expect((await api('/status?gameDate=2025-02-03', {}, 'wrong')).status).toBe(401);
  expect((await api('/start', { method: 'POST', body: JSON.stringify({ gameDate: GAME_DATE }) }, TEST_KEYS.read)).status).toBe(403);
  expect((await api('/status?gameDate=2025-02-03', {}, TEST_KEYS.read)).status).not.toBe(401);
  const bad = await api('/start', { method: 'POST', body: JSON.stringify({ gameDate: '2025-02-30', stats: ['BLOCKS'], extra: 1 }) });
  expect(bad.status).toBe(400);
  const body = (await bad.json()) as { statusCode: number; error: string; details: { issues: string[] } };
  expect(body).toMatchObject({ statusCode: 400, error: 'INVALID_REQUEST' });
  expect(body.details.issues).toEqual(expect.arrayContaining([expect.stringMatching(/^gameDate: /), expect.stringMatching(/^stats\[0\]: /), expect.stringMatching(/extra/)]));
  expect((await api('/status/pb-unknown')).status).toBe(404);
  // Job results are not posted over HTTP (the worker records them with its predictions): the route is gone.
  expect((await api('/complete', { method: 'POST', body: JSON.stringify({ jobId: 'nope', succeeded: 1, failed: 0 }) })).status).toBe(404);
});

it('phase.completed of every processor -> one batch (three deliveries racing /start) -> predictions -> predictions.ready once', async () => {
  await bus.publish(phaseCompleted('team-defense'));
  await bus.publish(phaseCompleted('player-form'));
  const last = phaseCompleted('player-context');
  const [start] = await Promise.all([
    api('/start', { method: 'POST', body: JSON.stringify({ gameDate: GAME_DATE }) }),
    bus.publish(last),
    bus.publish(last),
    bus.publish({ ...last, id: phaseCompleted('player-context').id }),
  ]);
  expect(start.status).toBe(202);
  const started = (await start.json()) as { batchId: string; requested: number };

  await waitFor(() => ready.length > 0, 60_000, 'predictions.ready');
  const batches = await db.pool.query('SELECT id, requested, completed, failed, state FROM prediction_batches');
  expect(batches.rows).toHaveLength(1);
  const batch = batches.rows[0];
  expect(batch).toMatchObject({ id: started.batchId, requested: slate.requests, state: 'COMPLETED_WITH_FAILURES' }); // stats without a model fail their requests
  // POINTS, ASSISTS (3 books) and the no-line REBOUNDS, THREES, PRA(3 books) requests; only POINTS and ASSISTS have models.
  expect(batch.completed).toBe(80 * 3 * 2);
  expect(batch.failed).toBe(slate.requests - 80 * 3 * 2);

  const perRequest = await db.pool.query(`SELECT count(*)::int AS rows, count(DISTINCT (stat, player_id, game_id, book))::int AS requests FROM predictions WHERE batch_id = $1 AND role <> 'SHADOW'`, [
    batch.id,
  ]);
  expect(perRequest.rows[0]).toEqual({ rows: batch.completed, requests: batch.completed });

  const status = (await (await api(`/status/${batch.id}`)).json()) as Record<string, unknown>;
  expect(status).toMatchObject({ state: 'COMPLETED_WITH_FAILURES', progressPercent: 100, requested: slate.requests, finishedAt: expect.any(String) });
  expect(status.modelVersions).toHaveLength(2);
  expect(status.modelVersions).toEqual(
    expect.arrayContaining([
      { stat: 'POINTS', modelId: 'points-v1', version: 1, role: 'PRIMARY', predictions: 240 },
      { stat: 'ASSISTS', modelId: 'assists-v1', version: 1, role: 'PRIMARY', predictions: 240 },
    ]),
  );
  expect(status.failures).toEqual(expect.arrayContaining([{ stat: 'REBOUNDS', reason: 'no production model for REBOUNDS', count: 80 }]));

  await new Promise((r) => setTimeout(r, 1500));
  expect(ready).toHaveLength(1);
  expect(ready[0].data).toEqual({ gameDate: GAME_DATE, batchId: batch.id, counts: { requested: slate.requests, completed: batch.completed, failed: batch.failed }, state: 'COMPLETED_WITH_FAILURES' });

  const again = (await (await api('/start', { method: 'POST', body: JSON.stringify({ gameDate: GAME_DATE }) })).json()) as { batchId: string; created: boolean };
  expect(again).toMatchObject({ batchId: batch.id, created: false });

  const cli = spawnSync(process.execPath, ['apps/cli/bin/propcast.js', 'predict', 'status', batch.id, '--watch', '--url', coordinator.url, '--api-key', API_KEY], {
    cwd: WORKSPACE_ROOT,
    encoding: 'utf8',
    timeout: 60_000, // a watch that never sees a terminal state fails the test instead of hanging the run
  });
  expect(cli.status).toBe(0);
  expect(cli.stdout).toMatch(new RegExp(`^batch ${batch.id} \\(${GAME_DATE}, attempt 0, (stream|manual)\\): COMPLETED_WITH_FAILURES, 100%$`, 'm'));
  expect(cli.stdout).toMatch(/model points-v1 \(POINTS v1, PRIMARY\): 240 predictions/);
  expect(cli.stdout).toMatch(/failed REBOUNDS x80: no production model for REBOUNDS/);

  const metrics = await (await fetch(`${worker.url}/metrics`)).text();
  expect(metrics).toMatch(/^propcast_predictions_total\{.*stat="POINTS".*model="points-v1".*\} \d+/m);
  expect(metrics).toMatch(/^propcast_prediction_request_failures_total\{.*reason="no_production_model".*\} \d+/m);
  expect(metrics).toMatch(/^propcast_model_load_duration_seconds_count\{.*\} [1-9]/m);
  const coordinatorMetrics = await (await fetch(`${coordinator.url}/metrics`)).text();
  expect(coordinatorMetrics).toMatch(/^propcast_predictions_ready_published_total\{.*\} 1$/m);
  expect(coordinatorMetrics).toMatch(/^propcast_prediction_batch_coverage_ratio\{.*stat="ALL".*\} 0\.\d+/m);
}, 120_000);

it("swaps a stat's model on model.promoted without a restart", async () => {
  const loads = async () => Number(/^propcast_model_load_duration_seconds_count\{[^}]*stat="ASSISTS"[^}]*\} (\d+)/m.exec(await (await fetch(`${worker.url}/metrics`)).text())?.[1] ?? 0);
  expect(await loads()).toBe(1);
  const [assistsV2] = await trainer.train(['ASSISTS']);
  await trainer.services.promote.execute({ modelId: assistsV2.id, actor: 'e2e', reason: 'hot swap' });
  await waitFor(async () => (await loads()) === 2, 30_000, 'the worker to load the promoted model');

  const start = await api('/start', { method: 'POST', body: JSON.stringify({ gameDate: GAME_DATE, stats: ['ASSISTS'], playerIds: [1000, 1001], force: true }) });
  const { batchId } = (await start.json()) as { batchId: string };
  await waitFor(() => ready.some((e) => e.data.batchId === batchId), 30_000, 'predictions.ready of the forced batch');
  const models = await db.pool.query('SELECT DISTINCT model_id FROM predictions WHERE batch_id = $1', [batchId]);
  expect(models.rows).toEqual([{ model_id: assistsV2.id }]);
}, 90_000);
