import { openFeatureReader, resolveFeatureSet, UnknownGameDateError, type FeatureReader } from '@propcast/feature-pipeline/reader';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { servingMetrics } from '../metrics';

/** The feature vectors of one game date for some players, in the feature set's column order. */
export interface FeatureVectors {
  featureNames: readonly string[];
  /** The vector of a player's game, or undefined when the feature store has no row for it. */
  get(playerId: number, gameId: string): Float32Array | undefined;
}

/** Where the worker reads features: one call per job and feature set, all its players at once. */
export interface FeatureSource {
  vectors(featureSetId: string, gameDate: string, playerIds: readonly number[]): Promise<FeatureVectors>;
}

/** The feature cache the feature store fills and invalidates (same key prefix and TTL as the feature-store service). */
export interface FeatureCacheSettings {
  redis: Redis;
  keyPrefix: string;
  ttlSeconds: number;
}

/**
 * Features through the feature store's FeatureReader (`@propcast/feature-pipeline/reader`: Redis cache of the date, Postgres on a miss), one reader per
 * feature set. A date without any row answers with no vectors, so its requests fail as "no feature row".
 */
export class FeatureStoreSource implements FeatureSource {
  private readonly readers = new Map<string, FeatureReader>();

  constructor(
    private readonly pool: Pool,
    private readonly cache: FeatureCacheSettings | null,
  ) {}

  /** The job's vectors from the feature store (empty when the date has no rows). */
  async vectors(featureSetId: string, gameDate: string, playerIds: readonly number[]): Promise<FeatureVectors> {
    const reader = this.reader(featureSetId);
    const stopTimer = servingMetrics.featureLookupDuration.startTimer();
    const byKey = new Map<string, Float32Array>();
    let featureNames: readonly string[] = resolveFeatureSet(featureSetId).featureNames;
    try {
      const found = await reader.getVectors(gameDate, playerIds);
      featureNames = found.featureSet.featureNames;
      for (const row of found.rows) byKey.set(`${row.playerId}|${row.gameId}`, row.values);
    } catch (error) {
      if (!(error instanceof UnknownGameDateError)) throw error;
    } finally {
      stopTimer();
    }
    return { featureNames, get: (playerId, gameId) => byKey.get(`${playerId}|${gameId}`) };
  }

  private reader(featureSetId: string): FeatureReader {
    let reader = this.readers.get(featureSetId);
    if (!reader) {
      reader = openFeatureReader({
        pool: this.pool,
        redis: this.cache?.redis ?? null,
        featureSet: featureSetId,
        cacheKeyPrefix: this.cache?.keyPrefix ?? '',
        cacheTtlSeconds: this.cache?.ttlSeconds ?? 0,
      });
      this.readers.set(featureSetId, reader);
    }
    return reader;
  }
}
