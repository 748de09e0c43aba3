import { decodeFeatureValues, type FeatureSet } from '@propcast/features';
import { counter } from '@propcast/observability';
import type { FeatureCache } from '../cache/feature-cache';
import type { CachedRow } from '../cache/cached-rows.codec';
import { InvalidFeatureRequestError, UnknownGameDateError } from '../errors';
import { parseGameDate } from '../game-dates';
import type { FeatureRowRepository } from '../storage/feature-row.repository';

/** One player's stored vector for a date. */
export interface FeatureVectorRow {
  playerId: number;
  gameId: string;
  /** In the feature set's order; NaN = missing. */
  values: Float32Array;
}

/** Answer of a batch lookup: vectors of the players found, in request order, and the players without a row. */
export interface FeatureVectors {
  featureSet: { id: string; version: number; featureNames: readonly string[] };
  gameDate: string;
  rows: FeatureVectorRow[];
  missingPlayerIds: number[];
}

/** Something that logs a warning (a pino logger fits). */
export interface WarnLogger {
  warn(obj: object, msg: string): void;
}

const cacheRequests = counter('propcast_feature_cache_requests_total', 'Feature lookups by cache outcome', ['result']);

/** Most players one lookup may ask for. */
export const MAX_PLAYERS_PER_LOOKUP = 5000;

/**
 * Serves stored feature vectors: the Redis cache first (one hash per date), the database on a miss (then the
 * whole date is cached). Used by GET /features and in-process by the prediction worker for a whole job at once.
 */
export class FeatureReader {
  private readonly valueBytes: number;

  constructor(
    private readonly featureSet: FeatureSet,
    private readonly rows: FeatureRowRepository,
    private readonly cache: FeatureCache | null,
    private readonly logger?: WarnLogger,
  ) {
    this.valueBytes = featureSet.featureNames.length * 4;
  }

  /**
   * Vectors of `playerIds` on `gameDate` (duplicates ignored); players without a row are listed in missingPlayerIds.
   * Throws UnknownGameDateError when the date has no rows at all, InvalidFeatureRequestError on bad input.
   */
  async getVectors(gameDate: string, playerIds: readonly number[]): Promise<FeatureVectors> {
    parseGameDate(gameDate, 'gameDate');
    const ids = uniquePlayerIds(playerIds);
    const found = (await this.fromCache(gameDate, ids)) ?? (await this.fromDatabase(gameDate, ids));
    const rows: FeatureVectorRow[] = [];
    const missingPlayerIds: number[] = [];
    for (const playerId of ids) {
      const cached = found.get(playerId);
      if (cached === undefined) missingPlayerIds.push(playerId);
      else for (const r of cached) rows.push({ playerId, gameId: r.gameId, values: decodeFeatureValues(r.values, this.featureSet.featureNames.length) });
    }
    const { id, version, featureNames } = this.featureSet;
    return { featureSet: { id, version, featureNames }, gameDate, rows, missingPlayerIds };
  }

  private async fromCache(gameDate: string, ids: number[]): Promise<Map<number, CachedRow[]> | null> {
    if (this.cache === null) return null;
    try {
      const hit = await this.cache.lookup(this.featureSet.id, gameDate, ids, this.valueBytes);
      cacheRequests.inc({ result: hit === null ? 'miss' : 'hit' });
      return hit?.rows ?? null;
    } catch (err) {
      cacheRequests.inc({ result: 'error' });
      this.logger?.warn({ err: (err as Error).message, gameDate }, 'feature cache unavailable, reading the database');
      return null;
    }
  }

  private async fromDatabase(gameDate: string, ids: number[]): Promise<Map<number, CachedRow[]>> {
    const version = await this.cacheVersion(gameDate);
    const stored = await this.rows.readDate(this.featureSet.id, gameDate);
    if (stored.length === 0) throw new UnknownGameDateError(this.featureSet.id, gameDate);
    if (version !== null) {
      await this.cache?.fill(this.featureSet.id, gameDate, version, stored).catch((err: Error) => {
        this.logger?.warn({ err: err.message, gameDate }, 'could not fill the feature cache');
      });
    }
    const wanted = new Set(ids);
    const out = new Map<number, CachedRow[]>();
    for (const r of stored) {
      if (!wanted.has(r.playerId)) continue;
      const list = out.get(r.playerId);
      if (list === undefined) out.set(r.playerId, [{ gameId: r.gameId, values: r.values }]);
      else list.push({ gameId: r.gameId, values: r.values });
    }
    return out;
  }

  private async cacheVersion(gameDate: string): Promise<string | null> {
    if (this.cache === null) return null;
    try {
      return await this.cache.version(this.featureSet.id, gameDate);
    } catch {
      return null;
    }
  }
}

function uniquePlayerIds(playerIds: readonly number[]): number[] {
  if (playerIds.length === 0) throw new InvalidFeatureRequestError('playerIds', 'must name at least one player');
  if (playerIds.length > MAX_PLAYERS_PER_LOOKUP) throw new InvalidFeatureRequestError('playerIds', `must name at most ${MAX_PLAYERS_PER_LOOKUP} players`);
  for (const id of playerIds) {
    if (!Number.isSafeInteger(id) || id <= 0) throw new InvalidFeatureRequestError('playerIds', `must be positive integers, got ${String(id)}`);
  }
  return [...new Set(playerIds)];
}
