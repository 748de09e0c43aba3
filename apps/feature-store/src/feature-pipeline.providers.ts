import { Inject, Injectable, OnModuleDestroy, type Provider } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { PG_POOL } from '@propcast/db';
import { createFeaturePipeline, featurePipelineSettings, type FeaturePipeline } from '@propcast/feature-pipeline';
import { EVENT_BUS, type EventBus } from '@propcast/messaging';
import { createLogger } from '@propcast/observability';
import type { FeatureStoreConfig } from './config';
import { FEATURE_PIPELINE, FEATURE_REDIS } from './feature-store.tokens';

/** Closes the cache's Redis connection when the application shuts down. */
@Injectable()
export class FeatureRedisLifecycle implements OnModuleDestroy {
  constructor(@Inject(FEATURE_REDIS) private readonly redis: Redis) {}

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Providers of the Redis client and the feature pipeline, built from the validated config. */
export function featurePipelineProviders(config: FeatureStoreConfig): Provider[] {
  return [
    {
      provide: FEATURE_REDIS,
      // No offline queue: while Redis is away lookups fail fast and fall back to Postgres.
      useFactory: () => new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
    },
    FeatureRedisLifecycle,
    {
      provide: FEATURE_PIPELINE,
      inject: [PG_POOL, FEATURE_REDIS, EVENT_BUS],
      useFactory: (pool: Pool, redis: Redis, bus: EventBus): FeaturePipeline =>
        createFeaturePipeline({
          pool,
          redis,
          publisher: bus,
          ...featurePipelineSettings(config),
          progress: { quiet: true },
          logger: createLogger('feature-store', config.LOG_LEVEL),
        }),
    },
  ];
}
