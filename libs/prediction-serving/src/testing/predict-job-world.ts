import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import { createArtifactStore, type ArtifactStore } from '@propcast/artifact-store';
import type { PredictionJob } from '@propcast/contracts';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { ModelRegistry, type ModelRecord } from '@propcast/model-registry';
import { createServingRepositories } from '../composition/serving-repositories';
import { FeatureStoreSource } from '../features/feature-source';
import { ArtifactModelLoader } from '../models/model-loader';
import { ModelCache } from '../models/model-cache';
import { ServingModels } from '../models/serving-models';
import { openPredictionQueue } from '../queue/prediction-queue';
import { PredictJobUseCase } from '../usecases/predict-job.usecase';
import { coordinatorUseCases } from './coordinator-use-cases';
import { RecordingBus } from './recording-bus';
import { seedSlate, type SlateSeed } from './seed-slate';
import { createSyntheticTrainer } from './train-models';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** What a predict-job spec drives: a test database with a seeded slate, a POINTS production model, the queue, the coordinator and the worker's use case. */
export interface PredictJobWorld {
  db: TestDatabase;
  artifacts: string;
  store: ArtifactStore;
  queue: Queue<PredictionJob>;
  trainer: ReturnType<typeof createSyntheticTrainer>;
  points: ModelRecord;
  serving: ServingModels;
  predict: PredictJobUseCase;
  uc: ReturnType<typeof coordinatorUseCases>;
  close(): Promise<void>;
}

/**
 * Trains a POINTS production model on synthetic rows up to the slate's date (optionally with the minutes projection
 * as an input), seeds the slate, and wires the coordinator (jobs of 50) and PredictJobUseCase as the worker does.
 */
export async function openPredictJobWorld(
  slate: Omit<SlateSeed, 'statsWithLines'>,
  options: { artifactsPrefix: string; trainer?: Parameters<typeof createSyntheticTrainer>[2] },
): Promise<PredictJobWorld> {
  const db = await createTestDatabase();
  const artifacts = mkdtempSync(join(tmpdir(), options.artifactsPrefix));
  const store = createArtifactStore(`file://${artifacts}`);
  const trainer = createSyntheticTrainer({ prisma: db.prisma, pool: db.pool, store }, { until: slate.gameDate }, options.trainer);
  const [points] = await trainer.trainProduction(['POINTS']);
  await seedSlate(db.pool, { ...slate, statsWithLines: ['POINTS'] });
  const queue = openPredictionQueue({ redisUrl: REDIS_URL, prefix: `t-${randomBytes(4).toString('hex')}` });
  const uc = coordinatorUseCases(db.pool, queue, new RecordingBus(), { jobSize: 50 });
  const serving = new ServingModels(new ModelRegistry(db.prisma), new ModelCache(new ArtifactModelLoader(store), 4), { refreshIntervalMs: 60_000 });
  const predict = new PredictJobUseCase(db.pool, createServingRepositories(), new FeatureStoreSource(db.pool, null), serving, {
    minEdge: 0.03,
    minConfidence: 0.05,
    kellyFraction: 0.25,
    kellyCap: 0.05,
  });
  return {
    db,
    artifacts,
    store,
    queue,
    trainer,
    points,
    serving,
    predict,
    uc,
    async close() {
      await serving.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await db.drop();
      rmSync(artifacts, { recursive: true, force: true });
    },
  };
}
