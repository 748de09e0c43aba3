/**
 * Training benchmark (`npm run bench:train`).
 *
 * Simulates a realistic league (libs/training testing: drifting roles, opponent defence, home court, fatigue;
 * Poisson box scores) and computes its v1 feature vectors point-in-time with libs/features, keeps the first
 * BENCH_TRAIN_ROWS (default 250,000) played player-games, and loads them into a fresh bench database with COPY
 * (feature_rows, player_game_stats, games: what the feature store holds). That setup is not timed.
 * Timed: one training request for all five stats through the trainer's own use cases (dataset read from Postgres,
 * date split, objective comparison (budget 0) and final fit with early stopping, ONNX export and parity check,
 * probability model, evaluation, report, uploads, registry, gate), and the share of it spent outside libxgboost.
 * Writes var/bench/train.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createArtifactStore } from '@propcast/artifact-store';
import { ALL_STATS } from '@propcast/contracts';
import { createPgPool, createPrismaClient, databaseUrlFromEnv } from '@propcast/db';
import { dropDatabase, recreateMigratedDatabase } from '@propcast/db/testing';
import { FeatureSetV1, isPlayed } from '@propcast/features';
import { createTrainingServices, defaultTrainingSettings } from '@propcast/training';
import { seedFeatureStore, simulateLeague, type SyntheticLeague } from '@propcast/training/testing';
import { keyValueLines, pct } from '@propcast/reporting';

const ROWS = Number(process.env['BENCH_TRAIN_ROWS'] ?? 250_000);
// Per process, so two runs of the benchmark on one machine never drop each other's database.
const DATABASE = `propcast_bench_train_${process.pid}`;
const OUT_DIR = resolve(__dirname, '../../var/bench');

/** The league's logs (and vectors) up to the date where `rows` played player-games are reached. */
function firstPlayedRows(league: SyntheticLeague, rows: number): SyntheticLeague {
  let played = 0;
  let end = league.playerLogs.length;
  for (let i = 0; i < league.playerLogs.length; i++) {
    if (isPlayed(league.playerLogs[i])) played++;
    if (played === rows) {
      end = i + 1;
      break;
    }
  }
  const lastDate = league.playerLogs[end - 1].gameDate;
  // Keep whole games: rows of the last date's games after the cut are dropped with their games.
  const games = new Set(league.playerLogs.slice(0, end).map((l) => l.gameId));
  const keep = league.playerLogs.map((l, i) => i < end || (l.gameDate === lastDate && games.has(l.gameId)));
  return {
    ...league,
    games: league.games.filter((g) => games.has(g.id)),
    playerLogs: league.playerLogs.filter((_, i) => keep[i]),
    vectors: league.vectors.filter((_, i) => keep[i]),
  };
}

async function main(): Promise<void> {
  let t = performance.now();
  const seasons = Math.ceil(ROWS / 30_000) + 1;
  const league = firstPlayedRows(simulateLeague({ seed: 2024, teams: 30, playersPerTeam: 13, seasons, datesPerSeason: 165, playProbability: 0.5 }), ROWS);
  const url = await recreateMigratedDatabase(DATABASE, join(__dirname, '../../prisma/migrations'));
  const pool = createPgPool(url, 4);
  await seedFeatureStore(pool, league);
  await pool.query('ANALYZE');
  const rows = league.playerLogs.filter(isPlayed).length;
  console.error(`setup: ${rows} played player-games x ${FeatureSetV1.featureNames.length} features simulated, featurised and loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const prisma = createPrismaClient(url, { maxConnections: 4 });
  const root = mkdtempSync(join(tmpdir(), 'propcast-bench-train-'));
  const services = createTrainingServices({
    prisma,
    pool,
    store: createArtifactStore(root),
    events: { publish: async () => 'bench' },
    settings: defaultTrainingSettings({ model: { nthread: 2 } }),
    gate: { minMaeImprovement: 0.005, autoPromote: true },
    leaseMs: 120_000,
    defaultBudgetMinutes: 0,
    drift: { maxPsi: 0.25, maxMaeRatio: 1.05 },
  });
  t = performance.now();
  const cpuBefore = process.cpuUsage();
  const started = await services.startTraining.execute({ stats: ALL_STATS, trigger: 'manual', budgetMinutes: 0 });
  const outcomes = await started.completion;
  const seconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // Other processes on the machine slow the wall time down; the load average says how busy it was.
  const loadAverage = loadavg()[1];
  const xgboostSeconds = services.clock.seconds;
  await Promise.allSettled([prisma.$disconnect(), pool.end()]);
  rmSync(root, { recursive: true, force: true });
  if (process.env['BENCH_KEEP_DB'] !== '1') await dropDatabase(databaseUrlFromEnv(), DATABASE);
  const failed = outcomes.find((o) => !o.ok);
  if (failed && !failed.ok) throw failed.error;

  const perStat = outcomes.flatMap((o) => (o.ok ? [o.result] : []));
  const result = {
    rows,
    seconds: round(seconds),
    outsideXgboostShare: round(1 - xgboostSeconds / seconds, 4),
    xgboostSeconds: round(xgboostSeconds),
    cpuSeconds: round(cpuSeconds),
    loadAverage5m: round(loadAverage),
    dataset: `synthetic league (libs/training testing simulateLeague, seed 2024), v1 features computed with libs/features, loaded into Postgres`,
    stats: Object.fromEntries(
      perStat.map((r) => [
        r.stat,
        {
          seconds: round(r.seconds),
          xgboostSeconds: round(r.xgboostSeconds),
          objective: r.model.objective,
          testMae: round(r.test.model.mae ?? NaN, 4),
          bestBaselineMae: round(Math.min(r.test.baselines.seasonAvg.mae ?? Infinity, r.test.baselines.last10.mae ?? Infinity, r.test.baselines.ema.mae ?? Infinity), 4),
        },
      ]),
    ),
  };
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'train.json'), `${JSON.stringify(result, null, 2)}\n`);
  const lines: [string, string][] = [
    ['rows (played player-games)', rows.toLocaleString('en-US')],
    ['features', String(FeatureSetV1.featureNames.length)],
    ['all five stats, wall time', `${result.seconds} s`],
    ['inside libxgboost', `${result.xgboostSeconds} s`],
    ['CPU time of the process', `${result.cpuSeconds} s (machine load average ${result.loadAverage5m} over the last 5 min)`],
    ['outside libxgboost', `${pct(result.outsideXgboostShare)} (dataset read and split, ONNX export and parity, probability model, evaluation, report, uploads, registry)`],
    ...perStat.map((r): [string, string] => [`  ${r.stat}`, `${round(r.seconds)} s (${r.model.objective}, test MAE ${r.test.model.mae?.toFixed(3)})`]),
    ['target', 'all five stats < 180 s, < 20% outside libxgboost'],
  ];
  console.log(keyValueLines(lines));
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

main().catch((err: Error) => {
  console.error(`bench:train: ${err.stack ?? err.message}`);
  process.exit(1);
});
