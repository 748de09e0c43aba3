import { Inject, Injectable, OnModuleDestroy, type Provider, Logger } from '@nestjs/common';
import { createArtifactStore } from '@propcast/artifact-store';
import { PG_POOL, PRISMA_CLIENT, type PrismaClient } from '@propcast/db';
import { EVENT_BUS, outboxOf, type EventBus } from '@propcast/messaging';
import {
  ArtifactModelLoader,
  ArtifactModelProbabilities,
  createServingRepositories,
  FeatureStoreSource,
  ModelCache,
  PredictJobUseCase,
  RecordNewsUseCase,
  RepriceLinesUseCase,
  ServingModels,
  type PricingOptions,
} from '@propcast/prediction-serving';
import { RegisteredModelsRepository, ModelRegistry } from '@propcast/model-registry';
import { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { PredictionWorkerConfig } from './config';
import { WORKER_CONFIG } from './worker.tokens';

/** Redis of the feature cache (the worker's own connection, separate from BullMQ's). */
const FEATURE_CACHE_REDIS = Symbol('FEATURE_CACHE_REDIS');

/** Closes the feature-cache connection; list it after the worker processor (Nest destroys providers in order). */
@Injectable()
export class FeatureCacheLifecycle implements OnModuleDestroy {
  constructor(@Inject(FEATURE_CACHE_REDIS) private readonly redis: Redis) {}

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** The betting gates and quality thresholds of the worker's pricing (batch and live). */
function pricingOptions(config: PredictionWorkerConfig): PricingOptions {
  return {
    minEdge: config.MIN_EDGE,
    minConfidence: config.MIN_CONFIDENCE,
    kellyFraction: config.KELLY_FRACTION,
    kellyCap: config.KELLY_CAP,
    quality: { minGames: config.MIN_GAMES, maxMinutesStd: config.MAX_MINUTES_STD, maxLineAgeMinutes: config.STALE_LINE_MINUTES },
  };
}

/** The worker's use cases wired to Postgres, the feature cache, the model registry, the artifact store and the outbox. */
export function workerProviders(config: PredictionWorkerConfig): Provider[] {
  const repositories = createServingRepositories();
  return [
    { provide: WORKER_CONFIG, useValue: config },
    {
      provide: FEATURE_CACHE_REDIS,
      useFactory: () => {
        const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
        redis.on('error', () => undefined);
        return redis;
      },
    },
    {
      provide: ServingModels,
      useFactory: (prisma: PrismaClient) => {
        const loader = new ArtifactModelLoader(createArtifactStore(config.ARTIFACT_STORE_URI), {
          intraOpNumThreads: config.ONNX_INTRA_OP_THREADS,
          workers: config.ONNX_WORKER_THREADS,
        });
        return new ServingModels(new ModelRegistry(prisma), new ModelCache(loader, config.MODEL_CACHE_SIZE), {
          refreshIntervalMs: config.MODEL_REFRESH_INTERVAL_MS,
          logger: new Logger('ServingModels'),
        });
      },
      inject: [PRISMA_CLIENT],
    },
    {
      provide: PredictJobUseCase,
      useFactory: (pool: Pool, redis: Redis, models: ServingModels) => {
        const cache = { redis, keyPrefix: config.FEATURE_CACHE_KEY_PREFIX, ttlSeconds: config.FEATURE_CACHE_TTL_SECONDS };
        return new PredictJobUseCase(pool, repositories, new FeatureStoreSource(pool, cache), models, pricingOptions(config));
      },
      inject: [PG_POOL, FEATURE_CACHE_REDIS, ServingModels],
    },
    {
      provide: RepriceLinesUseCase,
      useFactory: (pool: Pool, bus: EventBus) =>
        new RepriceLinesUseCase(
          pool,
          repositories,
          new ArtifactModelProbabilities(new RegisteredModelsRepository(pool), createArtifactStore(config.ARTIFACT_STORE_URI)),
          outboxOf(bus, pool),
          pricingOptions(config),
        ),
      inject: [PG_POOL, EVENT_BUS],
    },
    { provide: RecordNewsUseCase, useFactory: (pool: Pool) => new RecordNewsUseCase(pool, repositories), inject: [PG_POOL] },
  ];
}
