import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { FeatureCache } from '../cache/feature-cache';
import { resolveFeatureSet } from '../feature-sets/feature-set-catalog';
import { FeatureRowRepository } from '../storage/feature-row.repository';
import { FeatureReader, type WarnLogger } from './feature-reader';

/** What a reader of stored feature rows needs: the pool, optionally the feature store's Redis cache. */
export interface FeatureReaderOptions {
  pool: Pool;
  /** Feature set id or version (`player-props@v1`, `v1`). */
  featureSet: string;
  /** The cache the feature store fills; without it every read goes to Postgres. */
  redis?: Redis | null;
  /** Same prefix and TTL as the feature-store service, so both share one cache. */
  cacheKeyPrefix: string;
  cacheTtlSeconds: number;
  logger?: WarnLogger;
}

/**
 * A FeatureReader over the stored rows and their cache, without the run engine, processors and use cases of
 * createFeaturePipeline: what a consumer that only reads features (the prediction worker) needs.
 */
export function openFeatureReader(opts: FeatureReaderOptions): FeatureReader {
  const cache = opts.redis ? new FeatureCache(opts.redis, { keyPrefix: opts.cacheKeyPrefix, ttlSeconds: opts.cacheTtlSeconds }) : null;
  return new FeatureReader(resolveFeatureSet(opts.featureSet), new FeatureRowRepository(opts.pool), cache, opts.logger);
}
