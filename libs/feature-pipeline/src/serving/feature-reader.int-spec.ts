import { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { decodeFeatureValues, type PlayerGameLog } from '@propcast/features';
import { UnknownGameDateError } from '../errors';
import { createFeaturePipeline, type FeaturePipeline } from '../feature-pipeline.factory';
import { correctBoxScore, loadRealBoxScores, seedBoxScores, storedRows } from '../testing';
import { FeatureCache } from '../cache/feature-cache';
import { FeatureRowRepository } from '../storage/feature-row.repository';
import { FeatureReader } from './feature-reader';

const FROM = '2018-10-16';
const TO = '2018-10-31';

describe('FeatureReader: cache first, database fallback, invalidated by recomputes', () => {
  let logs: PlayerGameLog[];
  let db: TestDatabase;
  let redis: Redis;
  let pipeline: FeaturePipeline;
  const prefix = `test:${process.pid}:${Date.now()}:`;
  const hashKey = (date: string) => `${prefix}features:player-props@v1:${date}`;

  beforeAll(async () => {
    logs = loadRealBoxScores({ from: FROM, to: TO });
    db = await createTestDatabase();
    redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    await seedBoxScores(db.pool, logs);
    pipeline = createFeaturePipeline({ pool: db.pool, redis, cacheKeyPrefix: prefix, progress: { quiet: true }, clock: () => new Date('2030-01-01T00:00:00Z') });
    await (
      await pipeline.backfill.start()
    ).done;
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await db?.drop();
  });

  it('returns the stored vectors in request order, fills the cache on a miss and serves the next call from it', async () => {
    const date = '2018-10-20';
    const players = logs
      .filter((l) => l.gameDate === date)
      .map((l) => l.playerId)
      .reverse();
    const stored = await storedRows(db.pool);
    expect(await redis.exists(hashKey(date))).toBe(0);

    const first = await pipeline.reader.getVectors(date, players);
    expect(first.featureSet).toEqual({ id: 'player-props@v1', version: 1, featureNames: expect.arrayContaining(['points_avg_last10', 'line_pra']) });
    expect(first.rows.map((r) => r.playerId)).toEqual(players);
    expect(first.missingPlayerIds).toEqual([]);
    for (const r of first.rows) expect(Buffer.from(r.values.buffer).toString('hex')).toBe(stored.get(`${r.playerId}:${r.gameId}`)!.hex);
    expect(await redis.hlen(hashKey(date))).toBe(players.length + 1);

    // Served from Redis alone: a reader over an empty database gives the same answer.
    const noDatabase = new FeatureRowRepository({ query: () => Promise.reject(new Error('no database')) } as unknown as Pool);
    const cacheOnly = new FeatureReader(pipeline.featureSet, noDatabase, new FeatureCache(redis, { keyPrefix: prefix, ttlSeconds: 60 }));
    const second = await cacheOnly.getVectors(date, players);
    expect(second.rows.map((r) => [r.playerId, r.gameId, Array.from(r.values)])).toEqual(first.rows.map((r) => [r.playerId, r.gameId, Array.from(r.values)]));
    expect(await redis.ttl(hashKey(date))).toBeGreaterThan(0);
  });

  it('names unknown players and unknown dates', async () => {
    const date = '2018-10-20';
    const known = logs.find((l) => l.gameDate === date)!.playerId;
    const answer = await pipeline.reader.getVectors(date, [known, 999_999_999, known]);
    expect(answer.rows.map((r) => r.playerId)).toEqual([known]);
    expect(answer.missingPlayerIds).toEqual([999_999_999]);
    await expect(pipeline.reader.getVectors('2018-12-25', [known])).rejects.toThrow(new UnknownGameDateError('player-props@v1', '2018-12-25'));
    await expect(pipeline.reader.getVectors('2018-02-30', [known])).rejects.toThrow('gameDate must be a date YYYY-MM-DD, got "2018-02-30"');
  });

  it('a recompute of a date drops its cache entry and the next read sees the new rows', async () => {
    const date = '2018-10-24';
    const log = logs.find((l) => l.gameDate === '2018-10-22' && (l.pts ?? 0) > 15 && logs.some((x) => x.playerId === l.playerId && x.gameDate === date))!;
    const before = await pipeline.reader.getVectors(date, [log.playerId]);
    expect(await redis.exists(hashKey(date))).toBe(1);
    await correctBoxScore(db.pool, log.playerId, log.gameId, { pts: 0 });
    await pipeline.recompute.onIngestion({ gameDate: '2018-10-22', kind: 'BOX_SCORES' });
    expect(await redis.exists(hashKey(date))).toBe(0);
    const after = await pipeline.reader.getVectors(date, [log.playerId]);
    expect(Array.from(after.rows[0].values)).not.toEqual(Array.from(before.rows[0].values));
    expect(after.rows[0].values).toEqual(decodeFeatureValues(Buffer.from((await storedRows(db.pool)).get(`${log.playerId}:${after.rows[0].gameId}`)!.hex, 'hex')));
  });

  it('a fill that read the database before an invalidation does not overwrite it', async () => {
    const cache = new FeatureCache(redis, { keyPrefix: prefix, ttlSeconds: 60 });
    const version = await cache.version('player-props@v1', '2018-10-26');
    await cache.invalidate('player-props@v1', ['2018-10-26']);
    expect(await cache.fill('player-props@v1', '2018-10-26', version, [{ playerId: 1, gameId: '0000000001', values: Buffer.alloc(8) }])).toBe(false);
    expect(await redis.exists(hashKey('2018-10-26'))).toBe(0);
    expect(await cache.fill('player-props@v1', '2018-10-26', await cache.version('player-props@v1', '2018-10-26'), [])).toBe(true);
  });

  it('falls back to the database when Redis is down', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    dead.on('error', () => undefined);
    const warnings: string[] = [];
    const reader = createFeaturePipeline({ pool: db.pool, redis: dead, logger: { warn: (_o, m) => warnings.push(m) } }).reader;
    const log = logs.find((l) => l.gameDate === '2018-10-27')!;
    const answer = await reader.getVectors('2018-10-27', [log.playerId]);
    expect(answer.rows).toHaveLength(1);
    expect(warnings).toContain('feature cache unavailable, reading the database');
    dead.disconnect();
  });
});
