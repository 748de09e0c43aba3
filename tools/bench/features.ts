/**
 * Feature backfill benchmark (`npm run bench:features`).
 *
 * Loads the real box scores (played rows, 2012-13 to 2020-21: nine seasons) straight into a fresh database with
 * COPY; while they hold fewer than BENCH_SEASONS (default 10) seasons or BENCH_MIN_PLAYER_GAMES (default 250,000)
 * player-games, the latest season is replayed with dates shifted by whole years and new game ids. Then it backfills every date through the
 * feature-store pipeline (compute, COPY, processor completions, resume state) and, in the same run, times the
 * pure feature computation alone over the same box scores in memory. Results go to var/bench/features.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import Redis from 'ioredis';
import type { Pool } from 'pg';
import { join, resolve } from 'node:path';
import { createPgPool, databaseUrlFromEnv } from '@propcast/db';
import { dropDatabase, recreateMigratedDatabase } from '@propcast/db/testing';
import { buildTeamGameLogs, FeatureComputer, type PlayerGameLog } from '@propcast/features';
import { addDays, createFeaturePipeline } from '@propcast/feature-pipeline';
import { loadRealBoxScores, seedBoxScores } from '@propcast/feature-pipeline/testing';

const BENCH_DATABASE = 'propcast_bench_features';
const MIN_PLAYER_GAMES = Number(process.env['BENCH_MIN_PLAYER_GAMES'] ?? 250_000);
const MIN_SEASONS = Number(process.env['BENCH_SEASONS'] ?? 10);
const LAST_REAL_SEASON = '2020-21';
const OUT_DIR = resolve(__dirname, '../../var/bench');

/** Replays the last real season shifted by `years` (364 days each, so weekdays stay), with new season and game ids. */
function replaySeason(logs: readonly PlayerGameLog[], years: number): PlayerGameLog[] {
  const season = LAST_REAL_SEASON;
  const startYear = Number(season.slice(0, 4)) + years;
  const label = `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
  return logs
    .filter((l) => l.season === season)
    .map((l) => ({ ...l, season: label, gameDate: addDays(l.gameDate, 364 * years), gameId: `${l.gameId.slice(0, 3)}${String(startYear % 100).padStart(2, '0')}${l.gameId.slice(5)}` }));
}

/** The pure computation alone: FeatureComputer and team totals over in-memory box scores, date by date. */
function timeComputeOnly(logs: readonly PlayerGameLog[]): number {
  const byDate = new Map<string, PlayerGameLog[]>();
  for (const l of logs) {
    const day = byDate.get(l.gameDate);
    if (day === undefined) byDate.set(l.gameDate, [l]);
    else day.push(l);
  }
  const days = [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, day]) => ({
    date,
    day,
    targets: day.map((l) => ({ ...l, cutoffAt: new Date(`${date}T00:00:00Z`) })),
  }));
  const started = performance.now();
  const computer = new FeatureComputer();
  let vectors = 0;
  for (const { date, day, targets } of days) {
    vectors += computer.computeDate(date, targets).length;
    computer.ingestDate(date, day, buildTeamGameLogs(day));
  }
  const seconds = (performance.now() - started) / 1000;
  if (vectors !== logs.length) throw new Error(`computed ${vectors} vectors for ${logs.length} player-games`);
  return seconds;
}

async function main(): Promise<void> {
  let t = performance.now();
  let logs = loadRealBoxScores({ playedOnly: true });
  const real = logs.length;
  const seasonCount = () => new Set(logs.map((l) => l.season)).size;
  for (let years = 1; logs.length < MIN_PLAYER_GAMES || seasonCount() < MIN_SEASONS; years++) logs = [...logs, ...replaySeason(logs, years)];
  const seasons = seasonCount();
  const url = await recreateMigratedDatabase(BENCH_DATABASE, join(__dirname, '../../prisma/migrations'));
  const pool = createPgPool(url, 6);
  await seedBoxScores(pool, logs);
  await pool.query('ANALYZE');
  console.error(`loaded ${logs.length} played player-games (${real} real, ${seasons} seasons) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const pipeline = createFeaturePipeline({ pool, chunkDates: 32 });
  t = performance.now();
  const started = await pipeline.backfill.start();
  const done = await started.done;
  const seconds = (performance.now() - t) / 1000;
  if (done.rowsWritten !== logs.length) throw new Error(`backfill wrote ${done.rowsWritten} rows for ${logs.length} player-games`);
  const computeOnlySeconds = timeComputeOnly(logs);
  const serving = await measureServing(pool);
  await pool.end();
  if (process.env['BENCH_KEEP_DB'] !== '1') await dropDatabase(databaseUrlFromEnv(), BENCH_DATABASE);

  const result = { playerGames: logs.length, seconds: round(seconds), playerGamesPerSecond: Math.round(logs.length / seconds), computeOnlySeconds: round(computeOnlySeconds), servingPlayers: serving.players, servingP95Ms: round(serving.p95Ms) };
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'features.json'), `${JSON.stringify(result, null, 2)}\n`);
  const rows: [string, string][] = [
    ['player-games (played)', result.playerGames.toLocaleString('en-US')],
    ['  of which real', real.toLocaleString('en-US')],
    ['seasons', `${seasons} (${seasons - 9} replayed)`],
    ['dates', done.datesDone.toLocaleString('en-US')],
    ['backfill, writes included', `${result.seconds} s`],
    ['player-games / s', result.playerGamesPerSecond.toLocaleString('en-US')],
    ['pure computation alone', `${result.computeOnlySeconds} s`],
    [`warm read, ${serving.players} players of the busiest date`, `p50 ${round(serving.p50Ms)} ms, p95 ${round(serving.p95Ms)} ms`],
    ['target', 'backfill < 60 s; warm slate read p95 < 50 ms'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n'));
}

/** Times warm-cache reads (Redis) of every player of the busiest date through the online reader. */
async function measureServing(pool: Pool): Promise<{ players: number; p50Ms: number; p95Ms: number }> {
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  try {
    const pipeline = createFeaturePipeline({ pool, redis, cacheKeyPrefix: `bench:features:${process.pid}:` });
    const busiest = await pool.query<{ d: string; ids: number[] }>(
      `SELECT game_date::text AS d, array_agg(player_id) AS ids FROM feature_rows GROUP BY game_date ORDER BY count(*) DESC LIMIT 1`,
    );
    const { d, ids } = busiest.rows[0];
    await pipeline.reader.getVectors(d, ids);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      await pipeline.reader.getVectors(d, ids);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { players: ids.length, p50Ms: times[100], p95Ms: times[190] };
  } finally {
    redis.disconnect();
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

main().catch((err: Error) => {
  console.error(`bench:features: ${err.stack ?? err.message}`);
  process.exit(1);
});
