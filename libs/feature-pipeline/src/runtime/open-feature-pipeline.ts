import { Redis } from 'ioredis';
import { loadConfig, StoreAndBusEnv } from '@propcast/config';
import { createPgPool } from '@propcast/db';
import { busConfigFromEnv, createServiceEventBus, type EventBus } from '@propcast/messaging';
import { FeaturePipelineEnv, featurePipelineSettings } from '../config/feature-pipeline.env';
import { createFeaturePipeline, type FeaturePipeline } from '../feature-pipeline.factory';

/** Everything a standalone process (the CLI) reads to open a feature pipeline. */
export const StandalonePipelineEnv = {
  ...StoreAndBusEnv,
  ...FeaturePipelineEnv,
};

/** An open pipeline and the connections to close after use. */
export interface OpenFeaturePipeline {
  pipeline: FeaturePipeline;
  close(): Promise<void>;
}

/**
 * Opens a feature pipeline from the environment for a process of its own: Postgres, Redis (cache invalidation
 * and lookups) and, when `withEvents`, the event bus to publish phase.completed on. `featureSet` (id or version)
 * overrides FEATURE_SET, so one process can backfill v1 and v2 into the same store.
 */
export function openFeaturePipeline(opts: { withEvents: boolean; env?: NodeJS.ProcessEnv; progress?: { quiet?: boolean }; featureSet?: string }): OpenFeaturePipeline {
  const env = opts.env ?? process.env;
  const config = loadConfig(StandalonePipelineEnv, opts.featureSet === undefined ? env : { ...env, FEATURE_SET: opts.featureSet });
  const pool = createPgPool(config.DATABASE_URL, 4);
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 });
  // Through the outbox: phase.completed survives a bus outage (a service's relay sends it on).
  const bus: EventBus | null = opts.withEvents ? createServiceEventBus(busConfigFromEnv(config), pool) : null;
  const pipeline = createFeaturePipeline({ pool, redis, publisher: bus, ...featurePipelineSettings(config), progress: opts.progress });
  return {
    pipeline,
    async close() {
      await bus?.close().catch(() => undefined); // its last outbox flush needs the pool
      await Promise.allSettled([redis.quit(), pool.end()]);
    },
  };
}
