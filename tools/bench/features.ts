/**
 * Feature backfill benchmark (`npm run bench:features`).
 *
 * Loads the real box scores (played rows, 2012-13 to 2020-21: nine seasons) straight into a fresh database with
 * COPY; while they hold fewer than BENCH_SEASONS (default 10) seasons or BENCH_MIN_PLAYER_GAMES (default 250,000)
 * player-games, the latest season is replayed with dates shifted by whole years and new game ids. Then it backfills every date through the
 * feature-store pipeline (compute, COPY, processor completions, resume state, checkpoints) and, in the same run, times
 * the pure feature computation alone over the same box scores in memory. The last date is held back: it is then
 * appended as "tonight's final box scores" (with a scheduled game the next day, so features are current for it) and
 * recomputed from the checkpoint before it (incrementalDaySeconds), against the full-replay recompute of the same range
 * measured in the same run; replayParity says whether both wrote the same bytes. Results go to var/bench/features.json.
 * BENCH_DATABASE names the scratch database (default propcast_bench_features).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import Redis from 'ioredis';
import type { Pool } from 'pg';
import { join, resolve } from 'node:path';
import { GameDate } from '@propcast/common';
import { createPgPool, databaseUrlFromEnv } from '@propcast/db';
import { dropDatabase, recreateMigratedDatabase } from '@propcast/db/testing';
import { buildTeamGameLogs, FeatureComputer, type PlayerGameLog } from '@propcast/features';
import { createFeaturePipeline, FeatureCheckpointRepository } from '@propcast/feature-pipeline';
import { loadRealBoxScores, seedBoxScores, seedGames } from '@propcast/feature-pipeline/testing';
import { keyValueLines } from '@propcast/reporting';

const BENCH_DATABASE = process.env['BENCH_DATABASE'] ?? 'propcast_bench_features';
const INCREMENTAL_RUNS = 5;
const FULL_REPLAY_RUNS = 3;
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
    .map((l) => ({ ...l, season: label, gameDate: GameDate.addDays(l.gameDate, 364 * years), gameId: `${l.gameId.slice(0, 3)}${String(startYear % 100).padStart(2, '0')}${l.gameId.slice(5)}` }));
}

/** The pure computation alone: FeatureComputer and team totals over in-memory box scores, date by date. */
function timeComputeOnly(logs: readonly PlayerGameLog[]): number {
  const byDate = new Map<string, PlayerGameLog[]>();
  for (const l of logs) {
    const day = byDate.get(l.gameDate);
    if (day === undefined) byDate.set(l.gameDate, [l]);
    else day.push(l);
  }
  const days = [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, day]) => ({
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
  // The held-back day is the last regular-season day of the last season (every team plays); its playoffs are dropped.
  const lastSeason = logs.reduce((max, l) => (l.season > max ? l.season : max), '');
  const lastDate = logs.filter((l) => l.season === lastSeason && l.gameId.startsWith('002')).reduce((max, l) => (l.gameDate > max ? l.gameDate : max), '');
  const tonight = logs.filter((l) => l.gameDate === lastDate);
  const history = logs.filter((l) => l.gameDate < lastDate);
  const url = await recreateMigratedDatabase(BENCH_DATABASE, join(__dirname, '../../prisma/migrations'));
  const pool = createPgPool(url, 6);
  await seedBoxScores(pool, history);
  await pool.query('ANALYZE');
  console.error(`loaded ${logs.length} played player-games (${real} real, ${seasons} seasons) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // The clock is the morning after the held-back date: its games are final, the next day's game is upcoming.
  const clock = () => new Date(`${GameDate.addDays(lastDate, 1)}T15:00:00Z`);
  const pipeline = createFeaturePipeline({ pool, chunkDates: 32, clock });
  t = performance.now();
  const started = await pipeline.backfill.start();
  const done = await started.done;
  const seconds = (performance.now() - t) / 1000;
  if (done.rowsWritten !== history.length) throw new Error(`backfill wrote ${done.rowsWritten} rows for ${history.length} player-games`);
  const computeOnlySeconds = timeComputeOnly(history);
  const incremental = await measureIncrementalDay(pool, tonight, clock);
  const serving = await measureServing(pool);
  await pool.end();
  if (process.env['BENCH_KEEP_DB'] !== '1') await dropDatabase(databaseUrlFromEnv(), BENCH_DATABASE);

  const result = {
    playerGames: history.length,
    seconds: round(seconds),
    playerGamesPerSecond: Math.round(history.length / seconds),
    computeOnlySeconds: round(computeOnlySeconds),
    servingPlayers: serving.players,
    servingP95Ms: round(serving.p95Ms),
    incrementalDaySeconds: round3(incremental.seconds),
    incrementalRunSeconds: round3(incremental.runSeconds),
    checkpointRestoreMs: Math.round(incremental.restoreMs),
    checkpointSaveMs: Math.round(incremental.saveMs),
    fullReplaySeconds: round3(incremental.fullReplaySeconds),
    incrementalOverFullReplay: round3(incremental.seconds / incremental.fullReplaySeconds),
    replayParity: incremental.parity,
    incrementalRowsWritten: incremental.rows,
    checkpoints: incremental.checkpoints,
    checkpointStoredBytes: incremental.checkpointStoredBytes,
    checkpointStateBytes: incremental.checkpointStateBytes,
  };
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'features.json'), `${JSON.stringify(result, null, 2)}\n`);
  const rows: [string, string][] = [
    ['player-games (played) backfilled', result.playerGames.toLocaleString('en-US')],
    ['  of which real', real.toLocaleString('en-US')],
    ['seasons', `${seasons} (${seasons - 9} replayed)`],
    ['dates', done.datesDone.toLocaleString('en-US')],
    ['backfill, writes included', `${result.seconds} s`],
    ['player-games / s', result.playerGamesPerSecond.toLocaleString('en-US')],
    ['pure computation alone', `${result.computeOnlySeconds} s`],
    [
      `one new day appended (${tonight.length} box scores + next day's roster rows), from checkpoint`,
      `rows current after ${result.incrementalDaySeconds} s (median of ${INCREMENTAL_RUNS}; restore ${result.checkpointRestoreMs} ms)`,
    ],
    ['  whole run, storing the next checkpoint after the rows', `${result.incrementalRunSeconds} s (checkpoint save ${result.checkpointSaveMs} ms)`],
    ['  same recompute replaying all history', `${result.fullReplaySeconds} s (median of ${FULL_REPLAY_RUNS}); ratio ${result.incrementalOverFullReplay}`],
    ['  byte-identical to the full replay', String(result.replayParity)],
    ['checkpoints kept, latest size', `${result.checkpoints} (${(result.checkpointStateBytes / 1e6).toFixed(1)} MB state, ${(result.checkpointStoredBytes / 1e6).toFixed(1)} MB stored)`],
    [`warm read, ${serving.players} players of the busiest date`, `p50 ${round(serving.p50Ms)} ms, p95 ${round(serving.p95Ms)} ms`],
    ['target', 'backfill < 60 s; warm slate read p95 < 50 ms; new day < 1 s, replayParity true'],
  ];
  console.log(keyValueLines(rows));
}

/**
 * Appends the held-back date's box scores and a game scheduled the next day, then times the recompute an import
 * triggers from the checkpoint before the date: until the day's rows and the next day's roster rows are committed and
 * announced (incrementalDaySeconds: features current), and the whole run, which then stores the new checkpoint, INCREMENTAL_RUNS times, the range's rows deleted before each run so that each writes them as the
 * first import did. The baseline is the same recompute replaying all history (checkpoints off), FULL_REPLAY_RUNS
 * times; parity compares the bytes both wrote for every row of the range.
 */
async function measureIncrementalDay(pool: Pool, tonight: readonly PlayerGameLog[], clock: () => Date) {
  const date = tonight[0].gameDate;
  await seedBoxScores(pool, tonight);
  const [a, b] = [...new Set(tonight.map((l) => l.teamId))];
  await seedGames(pool, [
    { id: '0029999999', gameDate: GameDate.addDays(date, 1), season: tonight[0].season, homeTeamId: a, awayTeamId: b, tipoffAt: new Date(`${GameDate.addDays(date, 1)}T23:30:00Z`) },
  ]);
  const rowsOfRange = async () =>
    (
      await pool.query<{ k: string; hex: string }>(`SELECT player_id || ':' || game_id AS k, encode("values", 'hex') || cutoff_at::text AS hex FROM feature_rows WHERE game_date >= $1 ORDER BY 1`, [
        date,
      ])
    ).rows
      .map((r) => `${r.k}=${r.hex}`)
      .join('\n');
  const timed = async (checkpoints: boolean, runs: number) => {
    const pipeline = createFeaturePipeline({ pool, chunkDates: 32, clock, checkpoints });
    const times: number[] = [];
    const current: number[] = [];
    const restoreMs: number[] = [];
    const saveMs: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      // Every run is a real append: the day's rows (and the next day's) are not there yet and must be written.
      await pool.query('DELETE FROM feature_rows WHERE game_date >= $1', [date]);
      const t0 = performance.now();
      const result = await pipeline.recompute.onIngestion({ gameDate: date, kind: 'BOX_SCORES' });
      times.push((performance.now() - t0) / 1000);
      rows = result.rows;
      current.push(result.currentMs / 1000);
      restoreMs.push(result.restoreMs);
      saveMs.push(result.saveMs);
      if (checkpoints && result.replayedDates !== 0) throw new Error(`incremental run replayed ${result.replayedDates} dates from ${result.checkpoint}`);
      console.error(
        `  ${checkpoints ? 'from checkpoint ' + String(result.checkpoint) : 'full replay'}: rows current after ${current[i].toFixed(3)} s, run ${times[i].toFixed(3)} s (restore ${result.restoreMs.toFixed(0)} ms, checkpoint save ${result.saveMs.toFixed(0)} ms), ${result.replayedDates} dates replayed, ${result.rows} rows, ${result.rowsChanged} written`,
      );
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    return { seconds: median(current), runSeconds: median(times), restoreMs: median(restoreMs), saveMs: median(saveMs), rows, written: await rowsOfRange() };
  };
  const incremental = await timed(true, INCREMENTAL_RUNS);
  const full = await timed(false, FULL_REPLAY_RUNS);
  const listed = await new FeatureCheckpointRepository(pool).list('player-props@v1');
  const latest = listed[listed.length - 1];
  return {
    seconds: incremental.seconds,
    runSeconds: incremental.runSeconds,
    restoreMs: incremental.restoreMs,
    saveMs: incremental.saveMs,
    fullReplaySeconds: full.seconds,
    parity: incremental.written.length > 0 && incremental.written === full.written,
    rows: incremental.rows,
    checkpoints: listed.length,
    checkpointStoredBytes: latest.storedBytes,
    checkpointStateBytes: latest.stateBytes,
  };
}

/** Times warm-cache reads (Redis) of every player of the busiest date through the online reader. */
async function measureServing(pool: Pool): Promise<{ players: number; p50Ms: number; p95Ms: number }> {
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  try {
    const pipeline = createFeaturePipeline({ pool, redis, cacheKeyPrefix: `bench:features:${process.pid}:` });
    const busiest = await pool.query<{ d: string; ids: number[] }>(`SELECT game_date::text AS d, array_agg(player_id) AS ids FROM feature_rows GROUP BY game_date ORDER BY count(*) DESC LIMIT 1`);
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

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

main().catch((err: Error) => {
  console.error(`bench:features: ${err.stack ?? err.message}`);
  process.exit(1);
});
