import { randomBytes } from 'node:crypto';
import { createServingRepositories } from '../composition/serving-repositories';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArtifactStore } from '@propcast/artifact-store';
import type { EventEnvelope, PredictionJob } from '@propcast/contracts';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { FeatureSetV1 } from '@propcast/features';
import { ModelRegistry } from '@propcast/model-registry';
import type { Queue } from 'bullmq';
import { FeatureStoreSource } from '../features/feature-source';
import { ArtifactModelLoader } from '../models/model-loader';
import { ModelCache } from '../models/model-cache';
import { ServingModels } from '../models/serving-models';
import { openPredictionQueue } from '../queue/prediction-queue';
import { coordinatorUseCases, PROCESSORS } from '../testing/coordinator-use-cases';
import { RecordingBus } from '../testing/recording-bus';
import { seedSlate, type SeededSlate } from '../testing/seed-slate';
import { createSyntheticTrainer } from '../testing/train-models';
import { PredictJobUseCase } from '../usecases/predict-job.usecase';
import { RecordNewsUseCase } from './record-news.usecase';
import { StartNewsBatchesUseCase } from './start-news-batches.usecase';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const GAME_DATE = '2025-01-22';
const TIPOFF = '2025-01-23T00:30:00.000Z';

let db: TestDatabase;
let artifacts: string;
let queue: Queue<PredictionJob>;
let serving: ServingModels;
let slate: SeededSlate;
let bus: RecordingBus;
let uc: ReturnType<typeof coordinatorUseCases>;
let predict: PredictJobUseCase;
let firstBatchId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  artifacts = mkdtempSync(join(tmpdir(), 'propcast-news-artifacts-'));
  const store = createArtifactStore(`file://${artifacts}`);
  await createSyntheticTrainer({ prisma: db.prisma, pool: db.pool, store }, { until: GAME_DATE }).trainProduction(['POINTS']);
  slate = await seedSlate(db.pool, { gameDate: GAME_DATE, players: 40, books: ['dk', 'fd'], statsWithLines: ['POINTS'], capturedAt: new Date('2025-01-22T15:00:00Z') });
  await db.pool.query(`UPDATE games SET tipoff_at = $2::timestamptz AT TIME ZONE 'UTC' WHERE game_date = $1::date`, [GAME_DATE, TIPOFF]);
  queue = openPredictionQueue({ redisUrl: REDIS_URL, prefix: `t-${randomBytes(4).toString('hex')}` });
  bus = new RecordingBus();
  uc = coordinatorUseCases(db.pool, queue, bus, { jobSize: 100 });
  serving = new ServingModels(new ModelRegistry(db.prisma), new ModelCache(new ArtifactModelLoader(store), 4), { refreshIntervalMs: 60_000 });
  predict = new PredictJobUseCase(db.pool, createServingRepositories(), new FeatureStoreSource(db.pool, null), serving, { minEdge: 0.03, minConfidence: 0.05, kellyFraction: 0.25, kellyCap: 0.05 });
  const { batch } = await uc.start.execute({ gameDate: GAME_DATE, stats: ['POINTS'], trigger: 'manual' });
  firstBatchId = batch.id;
  await runJobs(batch.id);
}, 180_000);

afterAll(async () => {
  await serving?.close();
  await queue?.obliterate({ force: true });
  await queue?.close();
  await db.drop();
  rmSync(artifacts, { recursive: true, force: true });
});

/** Predicts the batch's queued jobs as a worker would, then lets the coordinator finish it. */
async function runJobs(batchId: string): Promise<void> {
  for (const job of await queue.getJobs(['waiting'])) {
    if (job.data.batchId !== batchId) continue;
    await predict.execute({ job: job.data, attempt: 1 });
    await job.remove();
  }
  await uc.finish.execute({ batchId });
}

async function report(playerId: number, status: string, reportedAt: string, batchId: string): Promise<void> {
  await db.pool.query(
    `INSERT INTO availability_reports (player_id, team_id, game_id, game_date, status, reported_at, source, batch_id)
     SELECT fr.player_id, fr.team_id, fr.game_id, fr.game_date, $2::"AvailabilityStatus", $3::timestamptz AT TIME ZONE 'UTC', 'REPORT', $4
       FROM feature_rows fr WHERE fr.player_id = $1 AND fr.game_date = $5::date`,
    [playerId, status, reportedAt, batchId, GAME_DATE],
  );
}

/** The feature store finishing the date (its processors' completions), as after recomputing it. */
async function featuresRecomputed(): Promise<void> {
  await db.pool.query(
    `INSERT INTO processor_completions (processor, game_date, feature_set_id, rows, completed_at)
     SELECT p, $1::date, $2, 40, clock_timestamp() AT TIME ZONE 'UTC' FROM unnest($3::text[]) AS p
     ON CONFLICT (processor, game_date, feature_set_id) DO UPDATE SET completed_at = EXCLUDED.completed_at`,
    [GAME_DATE, FeatureSetV1.id, PROCESSORS],
  );
}

it('an OUT report re-predicts his team in that game once the features include it; the batch and the news name each other; predictions.updated names the props', async () => {
  const starter = slate.playerIds[0];
  // The home side of the first game: players 0-9 of the slate.
  const team = slate.playerIds.slice(0, 10);
  await featuresRecomputed();
  await report(starter, 'OUT', '2025-01-22T22:00:00Z', 'news-1');
  const news = new RecordNewsUseCase(db.pool, createServingRepositories());
  const start = new StartNewsBatchesUseCase(db.pool, createServingRepositories(), uc.start, { featureSetId: FeatureSetV1.id, expectedProcessors: PROCESSORS });

  const recorded = await news.execute({ gameDate: GAME_DATE, causeBatchId: 'news-1' });
  expect(recorded.recorded).toBe(true);
  expect(recorded.changes).toEqual([{ playerId: starter, teamId: expect.any(Number), gameId: slate.gameIds[0], from: null, to: 'OUT' }]);
  expect(recorded.playerIds).toEqual(team);
  expect((await news.execute({ gameDate: GAME_DATE, causeBatchId: 'news-1' })).recorded).toBe(false);

  // The features were last computed before the news: nothing starts yet.
  expect(await start.execute(GAME_DATE)).toEqual([]);
  await featuresRecomputed();
  const started = await start.execute(GAME_DATE);
  expect(started).toEqual([{ causeBatchId: 'news-1', predictionBatchId: expect.any(String), players: 10 }]);
  expect(await start.execute()).toEqual([]);

  const batchId = started[0].predictionBatchId;
  const batch = (await db.pool.query(`SELECT "trigger", cause_batch_id, player_ids, attempt FROM prediction_batches WHERE id = $1`, [batchId])).rows[0];
  expect(batch).toEqual({ trigger: 'news', cause_batch_id: 'news-1', player_ids: team, attempt: 1 });
  expect((await db.pool.query(`SELECT prediction_batch_id FROM availability_news WHERE cause_batch_id = 'news-1'`)).rows[0].prediction_batch_id).toBe(batchId);

  bus.published.length = 0;
  await runJobs(batchId);
  const updated = bus.published.find((e) => e.type === 'predictions.updated') as EventEnvelope<'predictions.updated'>;
  expect(updated.data).toMatchObject({ gameDate: GAME_DATE, reason: 'news', causeBatchId: 'news-1', predictionBatchId: batchId, counts: { predictions: 20 } });
  expect(new Set(updated.data.changed.map((c) => c.playerId))).toEqual(new Set(team));
  expect(bus.published.map((e) => e.type).sort()).toEqual(['predictions.ready', 'predictions.updated']);

  // Teammates are now served from the news batch; everyone else still from the first.
  const newest = await db.pool.query(
    `SELECT DISTINCT ON (p.player_id) p.player_id, p.batch_id FROM predictions p JOIN prediction_batches b ON b.id = p.batch_id
      WHERE p.game_date = $1::date ORDER BY p.player_id, b.attempt DESC`,
    [GAME_DATE],
  );
  for (const row of newest.rows) expect(row.batch_id).toBe(team.includes(row.player_id) ? batchId : firstBatchId);
});

it('a report that does not change a status is no news: the same status again, a first AVAILABLE, or a report older than the latest', async () => {
  const news = new RecordNewsUseCase(db.pool, createServingRepositories());
  const [a, b, c] = [slate.playerIds[20], slate.playerIds[21], slate.playerIds[22]];
  await report(a, 'QUESTIONABLE', '2025-01-22T18:00:00Z', 'quiet-0');
  await news.execute({ gameDate: GAME_DATE, causeBatchId: 'quiet-0' });
  await report(a, 'QUESTIONABLE', '2025-01-22T19:00:00Z', 'quiet-1');
  await report(b, 'AVAILABLE', '2025-01-22T19:00:00Z', 'quiet-1');
  await report(c, 'OUT', '2025-01-22T20:00:00Z', 'quiet-2');
  await report(c, 'PROBABLE', '2025-01-22T19:30:00Z', 'quiet-3');
  await report(c, 'DOUBTFUL', '2025-01-23T00:45:00Z', 'quiet-4');
  for (const id of ['quiet-1', 'quiet-3', 'quiet-4']) {
    expect(await news.execute({ gameDate: GAME_DATE, causeBatchId: id })).toMatchObject({ recorded: false, changes: [] });
  }
  // The OUT at 20:00 is news (the report before it said PROBABLE); the DOUBTFUL after tip-off is never read.
  expect((await news.execute({ gameDate: GAME_DATE, causeBatchId: 'quiet-2' })).changes).toEqual([expect.objectContaining({ playerId: c, from: 'PROBABLE', to: 'OUT' })]);
});

it("news is due once the feature store recomputed its game after it (feature_game_runs); the batch re-predicts only that team's players in that game with the serving models", async () => {
  // The away side of the first game: players 10-19 of the slate (the news of the test above is on the second game).
  const team = slate.playerIds.slice(10, 20);
  const gameId = slate.gameIds[0];
  const stampGame = (at: string) =>
    db.pool.query(
      `INSERT INTO feature_game_runs (feature_set_id, game_id, game_date, computed_as_of) VALUES ($1, $2, $3::date, ${at})
       ON CONFLICT (feature_set_id, game_id) DO UPDATE SET computed_as_of = EXCLUDED.computed_as_of`,
      [FeatureSetV1.id, gameId, GAME_DATE],
    );
  await stampGame(`now() AT TIME ZONE 'UTC'`);
  await report(team[0], 'OUT', '2025-01-22T22:30:00Z', 'news-2');
  const start = new StartNewsBatchesUseCase(db.pool, createServingRepositories(), uc.start, { featureSetId: FeatureSetV1.id, expectedProcessors: PROCESSORS });
  expect((await new RecordNewsUseCase(db.pool, createServingRepositories()).execute({ gameDate: GAME_DATE, causeBatchId: 'news-2' })).playerIds).toEqual(team);

  // The game was computed before the news and the date's processors have not finished since: not due.
  expect(await start.execute(GAME_DATE)).toEqual([]);
  await stampGame(`clock_timestamp() AT TIME ZONE 'UTC'`);
  const [started] = await start.execute(GAME_DATE);
  expect(started).toEqual({ causeBatchId: 'news-2', predictionBatchId: expect.any(String), players: 10 });
  await runJobs(started.predictionBatchId);

  const rows = await db.pool.query(
    `SELECT p.player_id, p.game_id, p.model_id, p.model_version, b.cause_batch_id FROM predictions p JOIN prediction_batches b ON b.id = p.batch_id WHERE p.batch_id = $1`,
    [started.predictionBatchId],
  );
  expect(new Set(rows.rows.map((r) => r.player_id))).toEqual(new Set(team));
  expect(new Set(rows.rows.map((r) => r.game_id))).toEqual(new Set([gameId]));
  expect(new Set(rows.rows.map((r) => r.cause_batch_id))).toEqual(new Set(['news-2']));
  // Same serving model (id and version) as the first batch of the day: the lineage is kept, only the inputs changed.
  const first = await db.pool.query(`SELECT DISTINCT model_id, model_version FROM predictions WHERE batch_id = $1 AND player_id = ANY($2::int[])`, [firstBatchId, team]);
  expect(new Set(rows.rows.map((r) => `${r.model_id}@${r.model_version}`))).toEqual(new Set(first.rows.map((r) => `${r.model_id}@${r.model_version}`)));
});
