import type { ArtifactStore } from '@propcast/artifact-store';
import type { PredictionJob } from '@propcast/contracts';
import type { TestDatabase } from '@propcast/db/testing';
import type { ModelRecord } from '@propcast/model-registry';
import { MINUTES_PROJECTION_FEATURE } from '@propcast/training';
import { OnnxPredictor } from '@propcast/xgboost';
import type { Queue } from 'bullmq';
import { FeatureStoreSource } from '../features/feature-source';
import type { ServingModels } from '../models/serving-models';
import { openPredictJobWorld, type PredictJobWorld } from '../testing/predict-job-world';
import type { PredictJobUseCase } from './predict-job.usecase';

const GAME_DATE = '2025-02-03';
const PROJECTION = { folds: 3, maxRounds: 30, earlyStoppingRounds: 5, validationEvery: 5, nthread: 1, seed: 42 };

let world: PredictJobWorld;
let db: TestDatabase;
let store: ArtifactStore;
let queue: Queue<PredictionJob>;
let trainer: PredictJobWorld['trainer'];
let points: ModelRecord;
let serving: ServingModels;
let predict: PredictJobUseCase;
let uc: PredictJobWorld['uc'];

beforeAll(async () => {
  world = await openPredictJobWorld({ gameDate: GAME_DATE, players: 30, books: ['dk'] }, { artifactsPrefix: 'propcast-minutes-artifacts-', trainer: { minutesProjection: PROJECTION } });
  ({ db, store, queue, trainer, points, serving, predict, uc } = world);
}, 180_000);

afterAll(async () => {
  await world?.close();
});

async function pointsJob(force: boolean): Promise<PredictionJob> {
  const { batch } = await uc.start.execute({ gameDate: GAME_DATE, stats: ['POINTS'], trigger: 'manual', force });
  const jobs = (await queue.getJobs(['waiting'])).map((j) => j.data).filter((j) => j.batchId === batch.id);
  expect(jobs).toHaveLength(1);
  return jobs[0];
}

async function onnx(model: ModelRecord): Promise<OnnxPredictor> {
  return OnnxPredictor.create(await store.get(model.artifactUri, { expectedSha256: model.artifactSha256 }));
}

it('trains the stat model with the projection as its last input', () => {
  expect(points.featureNames.at(-1)).toBe(MINUTES_PROJECTION_FEATURE);
  expect(points.featureNames.length).toBe(trainer.featureSet.featureNames.length + 1);
});

it('does not serve a stat model that needs the projection while no minutes model is served', async () => {
  const job = await pointsJob(false);
  const result = await predict.execute({ job, attempt: 1 });
  expect(result).toMatchObject({ outcome: 'done', succeeded: 0, failed: 30, predictions: 0 });
  expect(result.failures).toEqual({ [`model ${points.id} needs the minutes projection: no production model for MINUTES`]: 30 });
});

it('runs the served minutes model first and passes its output to the stat model (real ONNX models)', async () => {
  const [minutes] = await trainer.trainProduction(['MINUTES']);
  expect(minutes).toMatchObject({ stat: 'MINUTES', status: 'PRODUCTION' });
  expect(minutes.featureNames).not.toContain(MINUTES_PROJECTION_FEATURE);
  await serving.refresh('MINUTES');

  const job = await pointsJob(true);
  expect(await predict.execute({ job, attempt: 1 })).toMatchObject({ outcome: 'done', succeeded: 30, failed: 0 });
  const stored = await db.pool.query<{ player_id: number; game_id: string; predicted_mean: number }>(
    `SELECT player_id, game_id, predicted_mean FROM predictions WHERE batch_id = $1 AND stat = 'POINTS'`,
    [job.batchId],
  );
  expect(stored.rows).toHaveLength(30);

  // The same numbers by hand: the minutes model on the stored vector, then the stat model on the vector + its output.
  const vectors = await new FeatureStoreSource(db.pool, null).vectors(
    points.featureSetId,
    GAME_DATE,
    job.requests.map((r) => r.playerId),
  );
  const [minutesOnnx, pointsOnnx] = [await onnx(minutes), await onnx(points)];
  try {
    let differsWithoutProjection = 0;
    for (const row of stored.rows) {
      const vector = vectors.get(row.player_id, row.game_id) as Float32Array;
      const [projected] = await minutesOnnx.predict(vector);
      expect(projected).toBeGreaterThan(5);
      const withProjection = Float32Array.from([...vector, projected]);
      const [expected] = await pointsOnnx.predict(withProjection);
      expect(row.predicted_mean).toBeCloseTo(expected, 4);
      const [unprojected] = await pointsOnnx.predict(Float32Array.from([...vector, Number.NaN]));
      if (Math.abs(unprojected - expected) > 1e-3) differsWithoutProjection++;
    }
    // The projection really is an input the stat model uses, so passing the wrong value would show above.
    expect(differsWithoutProjection).toBeGreaterThan(0);
  } finally {
    await minutesOnnx.release();
    await pointsOnnx.release();
  }
});
