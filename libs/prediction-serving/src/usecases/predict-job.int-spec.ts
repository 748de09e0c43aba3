import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createArtifactStore } from '@propcast/artifact-store';
import { seededRandom } from '@propcast/common';
import type { PredictionJob } from '@propcast/contracts';
import type { TestDatabase } from '@propcast/db/testing';
import { MarketCombiner, type CombinerFitRow } from '@propcast/prediction';
import { ModelRegistry, type ModelRecord } from '@propcast/model-registry';
import type { Queue } from 'bullmq';
import { ArtifactModelLoader } from '../models/model-loader';
import { ModelCache } from '../models/model-cache';
import { ServingModels } from '../models/serving-models';
import { openPredictJobWorld, type PredictJobWorld } from '../testing/predict-job-world';
import { PredictJobUseCase } from './predict-job.usecase';

const GAME_DATE = '2025-01-20';

let world: PredictJobWorld;
let db: TestDatabase;
let artifacts: string;
let queue: Queue<PredictionJob>;
let trainer: PredictJobWorld['trainer'];
let pointsV1: ModelRecord;
let serving: ServingModels;
let predict: PredictJobUseCase;
let uc: PredictJobWorld['uc'];

beforeAll(async () => {
  world = await openPredictJobWorld({ gameDate: GAME_DATE, players: 60, books: ['dk', 'fd'] }, { artifactsPrefix: 'propcast-serving-artifacts-' });
  ({ db, artifacts, queue, trainer, points: pointsV1, serving, predict, uc } = world);
}, 120_000);

afterAll(async () => {
  await world?.close();
});

async function queuedJobs(): Promise<PredictionJob[]> {
  return (await queue.getJobs(['waiting'])).map((j) => j.data).sort((a, b) => a.jobId.localeCompare(b.jobId));
}

async function predictionRows(batchId: string) {
  const r = await db.pool.query(
    `SELECT stat::text, model_id, book, role::text, line, predicted_mean, over_probability, market_over_probability, edge, expected_value,
            kelly_fraction, confidence, recommendation::text, flags
       FROM predictions WHERE batch_id = $1 ORDER BY stat, player_id, book`,
    [batchId],
  );
  return r.rows;
}

it('predicts a whole job in one pass: every request gets one priced prediction, a rerun changes nothing', async () => {
  const { batch } = await uc.start.execute({ gameDate: GAME_DATE, stats: ['POINTS', 'REBOUNDS'], trigger: 'manual' });
  const jobs = await queuedJobs();
  const points = jobs.filter((j) => j.stat === 'POINTS');
  expect(points.map((j) => j.requests.length)).toEqual([50, 50, 20]);

  const first = await predict.execute({ job: points[0], attempt: 1 });
  expect(first).toMatchObject({ outcome: 'done', succeeded: 50, failed: 0, predictions: 50 });
  expect(await predict.execute({ job: points[0], attempt: 2 })).toMatchObject({ outcome: 'skipped', succeeded: 50 });
  for (const job of jobs.slice(1)) await predict.execute({ job, attempt: 1 });

  const rows = await predictionRows(batch.id);
  const pointsRows = rows.filter((r) => r.stat === 'POINTS');
  expect(pointsRows).toHaveLength(120);
  expect(new Set(pointsRows.map((r) => r.model_id))).toEqual(new Set([pointsV1.id]));
  for (const r of pointsRows) {
    expect(['dk', 'fd']).toContain(r.book);
    expect(r.role).toBe('PRIMARY');
    expect(r.predicted_mean).toBeGreaterThan(0);
    expect(r.over_probability).toBeGreaterThan(0);
    expect(r.over_probability).toBeLessThan(1);
    expect(r.market_over_probability).toBeGreaterThan(0.3);
    expect(r.kelly_fraction).toBeLessThanOrEqual(0.05);
    expect(['OVER', 'UNDER', 'PASS']).toContain(r.recommendation);
    if (r.recommendation !== 'PASS') expect(r.edge).toBeGreaterThanOrEqual(0.03);
  }
  expect(rows.filter((r) => r.stat === 'REBOUNDS')).toHaveLength(0);

  const status = await uc.status.execute({ batchId: batch.id });
  expect(status).toMatchObject({ requested: 180, completed: 120, failed: 60 });
  expect(status.failures).toEqual([{ stat: 'REBOUNDS', reason: 'no production model for REBOUNDS', count: 60 }]);
  expect(status.modelVersions).toEqual([{ stat: 'POINTS', modelId: pointsV1.id, version: 1, role: 'PRIMARY', predictions: 120 }]);
});

/** Graded real-priced props where the outcome follows the market and not the model: a fit leans on the market. */
function marketLedRows(): CombinerFitRow[] {
  const random = seededRandom(11);
  return Array.from({ length: 600 }, (_, i) => {
    const marketOver = 0.25 + random() * 0.5;
    return { gameDate: `2025-01-${String(1 + (i % 9)).padStart(2, '0')}`, book: 'dk', modelOver: 0.1 + random() * 0.8, marketOver, line: 20.5, mean: 21, over: random() < marketOver ? 1 : 0 };
  });
}

async function storeCombiner(modelId: string, combiner: MarketCombiner): Promise<string> {
  const f = combiner.fit;
  const r = await db.pool.query<{ id: string }>(
    `INSERT INTO market_combiners (model_id, stat, as_of, rows, period_from, period_to, coefficients, state, source)
     VALUES ($1, 'POINTS', $2, $3, $4, $5, $6, $7, 'test') RETURNING id::text`,
    [modelId, f.asOf, f.rows, f.from, f.to, JSON.stringify(combiner.coefficients), JSON.stringify(combiner.toJSON())],
  );
  return r.rows[0].id;
}

it("prices with the model's latest market combination as of the game date, keeping the model's own P(over) beside it", async () => {
  const rows = marketLedRows();
  await storeCombiner(pointsV1.id, MarketCombiner.fit(rows, { asOf: '2025-01-10' }));
  const current = MarketCombiner.fit(rows, { asOf: GAME_DATE });
  const currentId = await storeCombiner(pointsV1.id, current);
  // fitted as of a later day: it must not price this game date
  await storeCombiner(pointsV1.id, MarketCombiner.fit(rows, { asOf: '2025-01-25' }));

  const { batch } = await uc.start.execute({ gameDate: GAME_DATE, stats: ['POINTS'], playerIds: [1002, 1003, 1004], force: true, trigger: 'manual' });
  const [job] = (await queuedJobs()).filter((j) => j.batchId === batch.id);
  expect(await predict.execute({ job, attempt: 1 })).toMatchObject({ succeeded: 6, failed: 0 });
  const stored = await db.pool.query(
    `SELECT line, predicted_mean, over_probability, model_over_probability, market_over_probability, combiner_id::text, edge, recommendation::text
       FROM predictions WHERE batch_id = $1`,
    [batch.id],
  );
  expect(stored.rows).toHaveLength(6);
  for (const r of stored.rows) {
    expect(r.combiner_id).toBe(currentId);
    // lines end in .5: no push, so P(over | no push) is P(over)
    const expected = current.combine({ modelOver: r.model_over_probability, marketOver: r.market_over_probability, line: r.line, mean: r.predicted_mean }, GAME_DATE);
    expect(r.over_probability).toBeCloseTo(expected, 9);
    expect(Math.abs(r.over_probability - r.market_over_probability)).toBeLessThan(Math.abs(r.model_over_probability - r.market_over_probability) + 1e-9);
    if (r.recommendation === 'OVER') expect(r.edge).toBeCloseTo(r.over_probability - r.market_over_probability, 9);
  }
});

it('keeps serving the previous model when the promoted one has a corrupted artifact, and swaps to a good one', async () => {
  const [pointsV2] = await trainer.train(['POINTS']);
  writeFileSync(fileURLToPath(pointsV2.artifactUri), Buffer.from('not the model that was registered'));
  await trainer.services.promote.execute({ modelId: pointsV2.id, actor: 'test', reason: 'corrupted on purpose' });

  const models = await serving.refresh('POINTS');
  expect(models.primary?.info.id).toBe(pointsV1.id);
  expect(models.problems).toEqual([expect.stringMatching(new RegExp(`^model ${pointsV2.id} artifact .*model\\.onnx rejected: sha256 mismatch`))]);

  const { batch } = await uc.start.execute({ gameDate: GAME_DATE, stats: ['POINTS'], playerIds: [1000, 1001], force: true, trigger: 'manual' });
  const [job] = (await queuedJobs()).filter((j) => j.batchId === batch.id);
  expect(await predict.execute({ job, attempt: 1 })).toMatchObject({ succeeded: 4, failed: 0 });
  expect(new Set((await predictionRows(batch.id)).map((r) => r.model_id))).toEqual(new Set([pointsV1.id]));

  const [pointsV3] = await trainer.train(['POINTS']);
  await trainer.services.promote.execute({ modelId: pointsV3.id, actor: 'test', reason: 'a good one' });
  expect((await serving.refresh('POINTS')).primary?.info.id).toBe(pointsV3.id);
  const fresh = new ServingModels(new ModelRegistry(db.prisma), new ModelCache(new ArtifactModelLoader(createArtifactStore(`file://${artifacts}`)), 4));
  await trainer.services.promote.execute({ modelId: pointsV2.id, actor: 'test', reason: 'corrupted again' });
  // A fresh worker never loaded a good model: it serves the most recent former primary whose artifact loads (v3).
  const fallback = await fresh.forStat('POINTS');
  expect(fallback.primary?.info.id).toBe(pointsV3.id);
  expect(fallback.fallbackFrom).toBe(pointsV2.id);
  expect(fallback.problems).toEqual([expect.stringContaining('sha256 mismatch'), `serving ${pointsV3.id} (POINTS v3), the previous production model, instead of ${pointsV2.id}`]);
  // With every former primary unusable too, the stat fails with the reason.
  writeFileSync(fileURLToPath(pointsV3.artifactUri), Buffer.from('also broken'));
  writeFileSync(fileURLToPath(pointsV1.artifactUri), Buffer.from('also broken'));
  const none = new ServingModels(new ModelRegistry(db.prisma), new ModelCache(new ArtifactModelLoader(createArtifactStore(`file://${artifacts}`)), 4));
  const unusable = await none.forStat('POINTS');
  await Promise.all([fresh.close(), none.close()]);
  expect(unusable.primary).toBeNull();
  expect(unusable.unavailableReason).toMatch(new RegExp(`^production model ${pointsV2.id} \\(POINTS v2\\) is unusable: .*sha256 mismatch`));
}, 120_000);
