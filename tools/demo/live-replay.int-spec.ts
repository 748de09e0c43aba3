// The live replay on a small day against the real Postgres and Redis: its events go through the real import use case
// (what POST /ingest runs); the worker's and coordinator's live use cases react as the services do on ingestion.completed.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArtifactStore } from '@propcast/artifact-store';
import type { PredictionJob } from '@propcast/contracts';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { FeatureSetV1 } from '@propcast/features';
import { createIngestionRepositories, DEFAULT_INPUT_LIMITS, ImportBatchUseCase } from '@propcast/ingestion';
import { Outbox } from '@propcast/messaging';
import { ArtifactModelProbabilities, createServingRepositories, RecordNewsUseCase, RepriceLinesUseCase, StartNewsBatchesUseCase } from '@propcast/prediction-serving';
import { RegisteredModelsRepository, ModelRegistry } from '@propcast/model-registry';
import type { Queue } from 'bullmq';
import { ArtifactModelLoader, FeatureStoreSource, ModelCache, openPredictionQueue, PredictJobUseCase, ServingModels } from '@propcast/prediction-serving';
// The prediction-serving test kit (seeded slate, synthetic models, in-process coordinator), shared rather than rewritten.
import { coordinatorUseCases, createSyntheticTrainer, PROCESSORS, RecordingBus, seedSlate, type SeededSlate } from '@propcast/prediction-serving/testing';
import { LiveReplayRepository } from './live-replay.repository';
import { runLiveReplay, type IngestCsv } from './live-replay';
import type { OutPlayer } from './live-timeline';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DAY = '2025-01-22';
const TIPOFF = '2025-01-23T00:30:00.000Z';
const PRICING = { minEdge: 0.03, minConfidence: 0.05, kellyFraction: 0.25, kellyCap: 0.05 };

let db: TestDatabase;
let artifacts: string;
let queue: Queue<PredictionJob>;
let serving: ServingModels;
let slate: SeededSlate;
let uc: ReturnType<typeof coordinatorUseCases>;
let predict: PredictJobUseCase;

beforeAll(async () => {
  db = await createTestDatabase();
  artifacts = mkdtempSync(join(tmpdir(), 'propcast-live-replay-'));
  const store = createArtifactStore(`file://${artifacts}`);
  await createSyntheticTrainer({ prisma: db.prisma, pool: db.pool, store }, { until: DAY }).trainProduction(['POINTS']);
  // One game, 20 players, the opening PROXY snapshot at 15:00 UTC as the demo ingests it.
  slate = await seedSlate(db.pool, { gameDate: DAY, players: 20, books: ['PROXY'], statsWithLines: ['POINTS'], capturedAt: new Date(`${DAY}T15:00:00Z`) });
  await db.pool.query(`UPDATE games SET tipoff_at = $2::timestamptz AT TIME ZONE 'UTC' WHERE game_date = $1::date`, [DAY, TIPOFF]);
  await db.pool.query(`INSERT INTO players (id, name, normalized_name, updated_at) SELECT id, 'Player ' || id, 'player ' || id, now() FROM unnest($1::int[]) AS id ON CONFLICT (id) DO NOTHING`, [
    slate.playerIds,
  ]);
  queue = openPredictionQueue({ redisUrl: REDIS_URL, prefix: `t-${randomBytes(4).toString('hex')}` });
  uc = coordinatorUseCases(db.pool, queue, new RecordingBus(), { jobSize: 100 });
  serving = new ServingModels(new ModelRegistry(db.prisma), new ModelCache(new ArtifactModelLoader(store), 4), { refreshIntervalMs: 60_000 });
  predict = new PredictJobUseCase(db.pool, createServingRepositories(), new FeatureStoreSource(db.pool, null), serving, PRICING);
  const { batch } = await uc.start.execute({ gameDate: DAY, stats: ['POINTS'], trigger: 'manual' });
  await runJobs(batch.id);
}, 240_000);

afterAll(async () => {
  await serving?.close();
  await queue?.obliterate({ force: true });
  await queue?.close();
  await db?.drop();
  if (artifacts) rmSync(artifacts, { recursive: true, force: true });
});

/** Predicts a batch's queued jobs as a worker would, then lets the coordinator finish it. */
async function runJobs(batchId: string): Promise<void> {
  for (const job of await queue.getJobs(['waiting'])) {
    if (job.data.batchId !== batchId) continue;
    await predict.execute({ job: job.data, attempt: 1 });
    await job.remove();
  }
  await uc.finish.execute({ batchId });
}

it('replays a line move (price rows appended) and an OUT report (a news batch re-predicts the team) in time order', async () => {
  const bus = new RecordingBus();
  const outbox = new Outbox(db.pool, bus);
  const store = createArtifactStore(`file://${artifacts}`);
  const importBatch = new ImportBatchUseCase({ pool: db.pool, artifacts: store, events: outbox, repositories: createIngestionRepositories(), limits: DEFAULT_INPUT_LIMITS });
  const reprice = new RepriceLinesUseCase(db.pool, createServingRepositories(), new ArtifactModelProbabilities(new RegisteredModelsRepository(db.pool), store), outbox, PRICING);
  const recordNews = new RecordNewsUseCase(db.pool, createServingRepositories());
  const startNews = new StartNewsBatchesUseCase(db.pool, createServingRepositories(), uc.start, { featureSetId: FeatureSetV1.id, expectedProcessors: PROCESSORS });
  const kinds: string[] = [];
  // The ingestion service's import, then what the worker (ingestion.completed) and the coordinator (phase.completed
  // after the feature store recomputed the date) do with it.
  const ingest: IngestCsv = async (kind, csv) => {
    const report = await importBatch.execute({ kind: kind === 'props' ? 'PROPS' : 'AVAILABILITY', input: { bytes: Buffer.from(csv), contentType: 'text/csv' }, source: 'test', allowPartial: false });
    kinds.push(`${kind}:${report.status}`);
    if (kind === 'props') await reprice.execute({ gameDate: DAY, causeBatchId: report.batchId });
    else {
      await recordNews.execute({ gameDate: DAY, causeBatchId: report.batchId });
      await db.pool.query(
        `INSERT INTO processor_completions (processor, game_date, feature_set_id, rows, completed_at)
         SELECT p, $1::date, $2, 20, clock_timestamp() AT TIME ZONE 'UTC' FROM unnest($3::text[]) AS p
         ON CONFLICT (processor, game_date, feature_set_id) DO UPDATE SET completed_at = EXCLUDED.completed_at`,
        [DAY, FeatureSetV1.id, PROCESSORS],
      );
      for (const started of await startNews.execute(DAY)) await runJobs(started.predictionBatchId);
    }
    return report;
  };
  // The seeded game's home team is 1610612737, Atlanta (the first 10 players of the slate play for it).
  const home = await db.pool.query<{ home_team_id: number }>('SELECT home_team_id FROM games WHERE id = $1', [slate.gameIds[0]]);
  expect(home.rows[0].home_team_id).toBe(1610612737);
  const out: OutPlayer[] = [{ playerId: slate.playerIds[0], playerName: `Player ${slate.playerIds[0]}`, team: 'ATL', gameId: slate.gameIds[0], comment: 'DND - Injury/Illness' }];
  const printed: string[] = [];

  const summary = await runLiveReplay(new LiveReplayRepository(db.pool), ingest, out, { day: DAY, speed: 1e6, movesPerGame: 2, effectTimeoutMs: 5000 }, (l) => printed.push(l));

  expect(kinds).toEqual(['props:ACCEPTED', 'props:ACCEPTED', 'availability:ACCEPTED']);
  expect(summary).toMatchObject({ events: 3, lineEvents: 2, reportEvents: 1, newsBatches: 1, noEffect: 0 });
  expect(summary.repriced).toBeGreaterThanOrEqual(2);
  expect(summary.repredicted).toBeGreaterThan(0);
  // The appended price rows name the line batches; the news batch names the report's batch.
  const prices = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM prediction_prices WHERE reason = 'line' AND game_date = $1`, [DAY]);
  expect(prices.rows[0].n).toBe(summary.repriced);
  const news = await db.pool.query(`SELECT b."trigger", b.state::text AS state FROM availability_news n JOIN prediction_batches b ON b.id = n.prediction_batch_id`);
  expect(news.rows).toEqual([{ trigger: 'news', state: expect.stringMatching(/COMPLETE/) }]);
  expect(printed.join('\n')).toMatch(/SIMULATED line move/);
  expect(printed.join('\n')).toMatch(/OUT report from the real box score \(report time made up\)/);
  expect(printed.join('\n')).toMatch(/live summary: 3 events \(2 line, 1 availability\)/);
  expect(await new LiveReplayRepository(db.pool).availabilityBySource(DAY)).toEqual({ report: 1 });
}, 240_000);
