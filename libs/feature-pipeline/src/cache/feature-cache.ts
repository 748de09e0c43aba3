import type { Redis } from 'ioredis';
import type { RawFeatureRow } from '../storage/feature-row.repository';
import { decodeCachedRows, encodeCachedRows, type CachedRow } from './cached-rows.codec';

/** Where and how long the cache keeps rows. */
export interface FeatureCacheOptions {
  /** Prefix of every key (isolates environments and tests), e.g. `propcast:`. */
  keyPrefix: string;
  ttlSeconds: number;
}

/** A cached date: the rows of the requested players found in it. */
export interface CachedLookup {
  rows: Map<number, CachedRow[]>;
}

const ROW_COUNT_FIELD = '_rows';
const VERSION_TTL_SECONDS = 30 * 86_400;

// Fills the hash only if nobody invalidated the date since the reader read the version (so rows read from the
// database before a recompute committed can never overwrite the invalidation).
const FILL_IF_CURRENT = `
local current = redis.call('GET', KEYS[2]) or ''
if current ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1`;

/**
 * Online cache of feature rows in Redis: one hash per (feature set, date), one field per player holding the raw
 * float32 bytes (with the game id), plus a row-count field marking the hash complete (a player absent from a
 * complete hash has no row). A version key per date
 * lets invalidation win over a concurrent fill.
 */
export class FeatureCache {
  constructor(
    private readonly redis: Redis,
    private readonly opts: FeatureCacheOptions,
  ) {}

  /** The cached rows of `playerIds` on `date`, or null when the date is not cached. */
  async lookup(featureSetId: string, date: string, playerIds: readonly number[], valueBytes: number): Promise<CachedLookup | null> {
    const fields = [ROW_COUNT_FIELD, ...playerIds.map(String)];
    const values = await this.redis.hmgetBuffer(this.hashKey(featureSetId, date), ...fields);
    if (values[0] === null) return null;
    const rows = new Map<number, CachedRow[]>();
    playerIds.forEach((id, i) => {
      const raw = values[i + 1];
      if (raw !== null) rows.set(id, decodeCachedRows(raw, valueBytes));
    });
    return { rows };
  }

  /** The date's invalidation version; read it before reading the database, pass it to fill. */
  async version(featureSetId: string, date: string): Promise<string> {
    return (await this.redis.get(this.versionKey(featureSetId, date))) ?? '';
  }

  /** Caches every row of the date unless the date was invalidated since `version` was read; true when stored. */
  async fill(featureSetId: string, date: string, version: string, rows: readonly RawFeatureRow[]): Promise<boolean> {
    const byPlayer = new Map<number, CachedRow[]>();
    for (const r of rows) {
      const list = byPlayer.get(r.playerId);
      if (list === undefined) byPlayer.set(r.playerId, [{ gameId: r.gameId, values: r.values }]);
      else list.push({ gameId: r.gameId, values: r.values });
    }
    const args: (string | Buffer)[] = [version, String(this.opts.ttlSeconds), ROW_COUNT_FIELD, String(rows.length)];
    for (const [playerId, list] of byPlayer) args.push(String(playerId), encodeCachedRows(list));
    const stored = await this.redis.eval(FILL_IF_CURRENT, 2, this.hashKey(featureSetId, date), this.versionKey(featureSetId, date), ...args);
    return stored === 1;
  }

  /** Drops the cached dates (after their rows were rewritten) and bumps their versions. */
  async invalidate(featureSetId: string, dates: readonly string[]): Promise<void> {
    if (dates.length === 0) return;
    const tx = this.redis.multi();
    for (const date of dates) {
      tx.incr(this.versionKey(featureSetId, date)).expire(this.versionKey(featureSetId, date), VERSION_TTL_SECONDS).del(this.hashKey(featureSetId, date));
    }
    const results = await tx.exec();
    const failed = results?.find(([err]) => err !== null);
    if (failed) throw failed[0];
  }

  private hashKey(featureSetId: string, date: string): string {
    return `${this.opts.keyPrefix}features:${featureSetId}:${date}`;
  }

  private versionKey(featureSetId: string, date: string): string {
    return `${this.hashKey(featureSetId, date)}:version`;
  }
}
