import { randomBytes } from 'node:crypto';
import { createServingRepositories } from '../composition/serving-repositories';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArtifactStore } from '@propcast/artifact-store';
import type { EventEnvelope, PredictionJob } from '@propcast/contracts';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { Outbox } from '@propcast/messaging';
import { RegisteredModelsRepository, type ModelRecord, ModelRegistry } from '@propcast/model-registry';
import type { Queue } from 'bullmq';
import { FeatureStoreSource } from '../features/feature-source';
import { ArtifactModelLoader } from '../models/model-loader';
import { ModelCache } from '../models/model-cache';
import { ServingModels } from '../models/serving-models';
import { openPredictionQueue } from '../queue/prediction-queue';
import { coordinatorUseCases } from '../testing/coordinator-use-cases';
import { RecordingBus } from '../testing/recording-bus';
import { seedSlate, type SeededSlate } from '../testing/seed-slate';
import { createSyntheticTrainer } from '../testing/train-models';
import { PredictJobUseCase } from '../usecases/predict-job.usecase';
import { ArtifactModelProbabilities } from './model-probabilities';
import { RepriceLinesUseCase } from './reprice-lines.usecase';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const GAME_DATE = '2025-01-20';
const TIPOFF = '2025-01-21T00:30:00.000Z';
const PRICING = { minEdge: 0.03, minConfidence: 0.05, kellyFraction: 0.25, kellyCap: 0.05 };

let db: TestDatabase;
let artifacts: string;
let queue: Queue<PredictionJob>;
let serving: ServingModels;
let trainer: ReturnType<typeof createSyntheticTrainer>;
let pointsV1: ModelRecord;
let slate: SeededSlate;
let bus: RecordingBus;
let reprice: RepriceLinesUseCase;

beforeAll(async () => {
  db = await createTestDatabase();
  artifacts = mkdtempSync(join(tmpdir(), 'propcast-live-artifacts-'));
  const store = createArtifactStore(`file://${artifacts}`);
  trainer = createSyntheticTrainer({ prisma: db.prisma, pool: db.pool, store }, { until: GAME_DATE });
  [pointsV1] = await trainer.trainProduction(['POINTS']);
  slate = await seedSlate(db.pool, { gameDate: GAME_DATE, players: 40, books: ['dk', 'fd'], statsWithLines: ['POINTS'], capturedAt: new Date('2025-01-20T15:00:00Z') });
  await db.pool.query(`UPDATE games SET tipoff_at = $2::timestamptz AT TIME ZONE 'UTC' WHERE game_date = $1::date`, [GAME_DATE, TIPOFF]);

  queue = openPredictionQueue({ redisUrl: REDIS_URL, prefix: `t-${randomBytes(4).toString('hex')}` });
  const uc = coordinatorUseCases(db.pool, queue, new RecordingBus(), { jobSize: 100 });
  serving = new ServingModels(new ModelRegistry(db.prisma), new ModelCache(new ArtifactModelLoader(store), 4), { refreshIntervalMs: 60_000 });
  const predict = new PredictJobUseCase(db.pool, createServingRepositories(), new FeatureStoreSource(db.pool, null), serving, PRICING);
  await uc.start.execute({ gameDate: GAME_DATE, stats: ['POINTS'], trigger: 'manual' });
  for (const job of await queue.getJobs(['waiting'])) await predict.execute({ job: job.data, attempt: 1 });

  bus = new RecordingBus();
  reprice = new RepriceLinesUseCase(db.pool, createServingRepositories(), new ArtifactModelProbabilities(new RegisteredModelsRepository(db.pool), store), new Outbox(db.pool, bus), PRICING);
}, 180_000);

afterAll(async () => {
  await serving?.close();
  await queue?.obliterate({ force: true });
  await queue?.close();
  await db.drop();
  rmSync(artifacts, { recursive: true, force: true });
});

/** Stores snapshots as an ingest batch would (prop_lines rows of one batch id). */
async function storeLines(batchId: string, rows: { playerId: number; book: string; line: number; over: number; under: number; capturedAt: string; isMain?: boolean }[]): Promise<void> {
  for (const r of rows) {
    await db.pool.query(
      `INSERT INTO prop_lines (player_id, game_id, game_date, stat, line, over_price, under_price, book, captured_at, batch_id, is_main)
       SELECT $1, fr.game_id, $2::date, 'POINTS', $3, $4, $5, $6, $7::timestamptz AT TIME ZONE 'UTC', $8, $9
         FROM feature_rows fr WHERE fr.player_id = $1 AND fr.game_date = $2::date`,
      [r.playerId, GAME_DATE, r.line, r.over, r.under, r.book, r.capturedAt, batchId, r.isMain ?? true],
    );
  }
}

/** The prediction of a player and book as the read side serves it: the newest price row, else the row's own price. */
async function current(playerId: number, book: string) {
  const r = await db.pool.query(
    `SELECT p.id::text AS id, p.model_id, p.model_version, p.line AS first_line, pp.line, pp.over_price, pp.under_price, pp.reason, pp.cause_batch_id,
            pp.over_probability, pp.model_over_probability, pp.line_captured_at, (SELECT count(*)::int FROM prediction_prices x WHERE x.prediction_id = p.id) AS prices
       FROM predictions p
       LEFT JOIN LATERAL (SELECT * FROM prediction_prices x WHERE x.prediction_id = p.id ORDER BY x.id DESC LIMIT 1) pp ON true
      WHERE p.game_date = $1::date AND p.player_id = $2 AND p.book = $3 AND p.stat = 'POINTS'`,
    [GAME_DATE, playerId, book],
  );
  return r.rows;
}

function lastEvent(): EventEnvelope<'predictions.updated'> {
  return bus.published[bus.published.length - 1] as EventEnvelope<'predictions.updated'>;
}

it('prices the affected predictions again against the new line from the stored mean, appends a price row and publishes predictions.updated', async () => {
  const player = slate.playerIds[0];
  const [before] = await current(player, 'dk');
  expect(before.prices).toBe(0);
  const mean = (await db.pool.query('SELECT predicted_mean FROM predictions WHERE id = $1', [before.id])).rows[0].predicted_mean as number;
  const newLine = Math.floor(mean) + 3.5;
  await storeLines('live-1', [{ playerId: player, book: 'dk', line: newLine, over: 120, under: -140, capturedAt: '2025-01-20T20:00:00Z' }]);

  const result = await reprice.execute({ gameDate: GAME_DATE, causeBatchId: 'live-1' });

  expect(result).toMatchObject({ prices: 1, predictions: 0 });
  expect(result.changed).toEqual([{ playerId: player, gameId: slate.gameIds[0], stat: 'POINTS', book: 'dk' }]);
  const [after] = await current(player, 'dk');
  expect(after).toMatchObject({ id: before.id, first_line: before.first_line, line: newLine, over_price: 120, under_price: -140, reason: 'line', cause_batch_id: 'live-1', prices: 1 });
  expect(after.line_captured_at.toISOString?.() ?? after.line_captured_at).toContain('2025-01-20');
  // The model's P(over) of a line 3.5 above its mean is below one half: priced from the stored distribution.
  expect(after.model_over_probability).toBeLessThan(0.5);
  const event = lastEvent();
  expect(event).toMatchObject({ type: 'predictions.updated', data: { gameDate: GAME_DATE, reason: 'line', causeBatchId: 'live-1', counts: { prices: 1, predictions: 0 } } });
  expect(event.data.changed).toEqual(result.changed);
});

it('a re-priced prediction keeps its model version, even after a newer model was promoted', async () => {
  const [v2] = await trainer.trainProduction(['POINTS']);
  expect(v2.version).toBeGreaterThan(pointsV1.version);
  const player = slate.playerIds[1];
  await storeLines('live-2', [{ playerId: player, book: 'fd', line: 40.5, over: -105, under: -115, capturedAt: '2025-01-20T21:00:00Z' }]);

  await reprice.execute({ gameDate: GAME_DATE, causeBatchId: 'live-2' });

  const [after] = await current(player, 'fd');
  expect(after).toMatchObject({ model_id: pointsV1.id, model_version: pointsV1.version, line: 40.5, prices: 1 });
});

it('never uses a line captured at or after the cutoff (tip-off)', async () => {
  const player = slate.playerIds[2];
  await storeLines('live-late', [{ playerId: player, book: 'dk', line: 1.5, over: -200, under: 160, capturedAt: TIPOFF }]);
  expect(await reprice.execute({ gameDate: GAME_DATE, causeBatchId: 'live-late' })).toMatchObject({ prices: 0, event: null });
  expect((await current(player, 'dk'))[0].prices).toBe(0);

  // One batch with a snapshot before and one after tip-off: the one before is priced.
  await storeLines('live-mixed', [
    { playerId: player, book: 'dk', line: 11.5, over: -110, under: -110, capturedAt: '2025-01-21T00:10:00Z' },
    { playerId: player, book: 'dk', line: 2.5, over: -110, under: -110, capturedAt: '2025-01-21T00:45:00Z' },
  ]);
  await reprice.execute({ gameDate: GAME_DATE, causeBatchId: 'live-mixed' });
  expect((await current(player, 'dk'))[0]).toMatchObject({ line: 11.5, prices: 1 });
});

it('two concurrent snapshots for the same prop end in the latest one, whatever order they are handled in', async () => {
  for (const [k, player] of [slate.playerIds[3], slate.playerIds[4]].entries()) {
    await storeLines(`early-${k}`, [{ playerId: player, book: 'dk', line: 20.5, over: -110, under: -110, capturedAt: '2025-01-20T22:00:00Z' }]);
    await storeLines(`late-${k}`, [{ playerId: player, book: 'dk', line: 22.5, over: -105, under: -115, capturedAt: '2025-01-20T22:05:00Z' }]);
    const runs = [
      { gameDate: GAME_DATE, causeBatchId: `early-${k}` },
      { gameDate: GAME_DATE, causeBatchId: `late-${k}` },
    ];
    if (k === 1) runs.reverse();
    await Promise.all(runs.map((r) => reprice.execute(r)));
    const [after] = await current(player, 'dk');
    expect(after).toMatchObject({ line: 22.5, over_price: -105, under_price: -115 });
    // Whichever ran first priced the latest snapshot already, or priced the early one and the late one followed.
    expect(after.prices).toBeGreaterThanOrEqual(1);
    expect(after.prices).toBeLessThanOrEqual(2);
  }
  // The late batch handled again (redelivery): nothing new.
  expect(await reprice.execute({ gameDate: GAME_DATE, causeBatchId: 'late-0' })).toMatchObject({ prices: 0, event: null });
});

it('a book new to a predicted prop gets its own prediction row from the same model and mean; alternate lines are ignored', async () => {
  const player = slate.playerIds[5];
  await storeLines('live-new-book', [
    { playerId: player, book: 'mgm', line: 15.5, over: -110, under: -110, capturedAt: '2025-01-20T23:00:00Z' },
    { playerId: player, book: 'mgm', line: 25.5, over: 300, under: -500, capturedAt: '2025-01-20T23:00:00Z', isMain: false },
  ]);
  const result = await reprice.execute({ gameDate: GAME_DATE, causeBatchId: 'live-new-book' });
  expect(result).toMatchObject({ prices: 1, predictions: 1 });
  const rows = await current(player, 'mgm');
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ first_line: 15.5, line: 15.5, model_id: pointsV1.id, prices: 1 });
  const means = await db.pool.query(`SELECT DISTINCT predicted_mean FROM predictions WHERE game_date = $1::date AND player_id = $2 AND stat = 'POINTS'`, [GAME_DATE, player]);
  expect(means.rows).toHaveLength(1);
});

it('a snapshot whose numbers equal the current price appends nothing', async () => {
  const player = slate.playerIds[6];
  const own = (await db.pool.query(`SELECT line, over_price, under_price FROM predictions WHERE game_date = $1::date AND player_id = $2 AND book = 'dk' AND stat = 'POINTS'`, [GAME_DATE, player]))
    .rows[0];
  await storeLines('live-same', [{ playerId: player, book: 'dk', line: own.line, over: own.over_price, under: own.under_price, capturedAt: '2025-01-20T23:30:00Z' }]);
  expect(await reprice.execute({ gameDate: GAME_DATE, causeBatchId: 'live-same' })).toMatchObject({ prices: 0, event: null });
});

it("stores the other books' consensus with every real-priced prediction and price row (a combination of version 2 reads it)", async () => {
  // The slate quotes every prop at dk and fd: each book's row carries the other one's de-vigged P(over) at its line.
  const rows = await db.pool.query<{ book: string; consensus: number | null; market: number | null }>(
    `SELECT book, consensus_over_probability AS consensus, market_over_probability AS market FROM predictions
      WHERE game_date = $1::date AND stat = 'POINTS' AND book IN ('dk', 'fd') AND line IS NOT NULL AND over_price IS NOT NULL AND under_price IS NOT NULL`,
    [GAME_DATE],
  );
  expect(rows.rows.length).toBeGreaterThan(0);
  for (const r of rows.rows) {
    expect(r.consensus).not.toBeNull();
    expect(r.consensus as number).toBeGreaterThan(0);
    expect(r.consensus as number).toBeLessThan(1);
  }
  const prices = await db.pool.query<{ n: number; with_consensus: number }>(
    `SELECT count(*)::int AS n, count(consensus_over_probability)::int AS with_consensus FROM prediction_prices WHERE game_date = $1::date`,
    [GAME_DATE],
  );
  expect(prices.rows[0].n).toBeGreaterThan(0);
  expect(prices.rows[0].with_consensus).toBe(prices.rows[0].n);
});
