/**
 * Live game-day benchmark (`npm run bench:live`).
 *
 * A fresh database gets trainer-trained models for every stat (synthetic history) and a predicted day of
 * BENCH_LIVE_PREDICTIONS (default 10,000) predictions: players x 5 stats x 5 books, tip-off tomorrow. The day's feature
 * rows are computed by the real feature pipeline (backfill, checkpoints) from BENCH_LIVE_HISTORY_DAYS (default 60) days
 * of synthetic box scores of 30 teams with fixed rosters (./live-history.ts). The real
 * prediction-worker runs as a child process (as `nx serve` starts it) with its live re-pricing handler on the Redis
 * Streams bus. BENCH_LIVE_SNAPSHOTS (default 500) line snapshots are then imported one after the other through the
 * real ingestion use case (validation, raw batch, audit, outbox): each is one book's lines for one game at one
 * instant (every prop of the game at that book; a third, later two thirds, of them change). Measured per snapshot, from the import's
 * commit (ingest_batches.committed_at) to:
 *   - the baseline, in the same run: ingestion.completed delivered to a subscriber of the bench (the event hop alone);
 *   - re-priced: predictions.updated of that import delivered (rows committed by the worker, event relayed).
 * Prints p50/p95/p99 of both and the ratio. Then, after one unmeasured (ONNX sessions opened), BENCH_LIVE_NEWS (default 19) OUT reports of a starter, each imported
 * through the real AVAILABILITY import: commit to his game's features recomputed by the real feature-store process
 * (from the checkpoint before the date), his teammates re-predicted by the real coordinator and worker (ONNX) and
 * re-priced, and predictions.updated delivered. Writes var/bench/live.json (`repriceP95Ms`, `baselineP95Ms`,
 * `repriceOverBaseline`, `newsP95Ms`, `newsFeaturesP95Ms`).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createArtifactStore } from '@propcast/artifact-store';
import { ALL_STATS, type EventEnvelope, type PredictionJob } from '@propcast/contracts';
import { createPgPool, createPrismaClient, databaseUrlFromEnv } from '@propcast/db';
import { dropDatabase, recreateMigratedDatabase } from '@propcast/db/testing';
import { createFeaturePipeline } from '@propcast/feature-pipeline';
import { seedBoxScores, seedGames } from '@propcast/feature-pipeline/testing';
import type { PlayerGameLog } from '@propcast/features';
import { createIngestionRepositories, ImportBatchUseCase, teamById } from '@propcast/ingestion';
import { createEventBus, Outbox } from '@propcast/messaging';
import { ArtifactModelLoader, createServingRepositories, FeatureStoreSource, ModelCache, openPredictionQueue, PredictJobUseCase, ServingModels } from '@propcast/prediction-serving';
import { ModelRegistry } from '@propcast/model-registry';
import type { Pool } from 'pg';
import { startService, waitFor, type RunningProcess } from '../../libs/prediction-serving/src/testing/processes';
import { coordinatorUseCases, PROCESSORS } from '../../libs/prediction-serving/src/testing/coordinator-use-cases';
import { RecordingBus } from '../../libs/prediction-serving/src/testing/recording-bus';
import { liveHistory } from './live-history';
import { createSyntheticTrainer } from '../../libs/prediction-serving/src/testing/train-models';
import { keyValueLines } from '@propcast/reporting';

const BENCH_DATABASE = process.env['BENCH_LIVE_DATABASE'] ?? 'propcast_bench_live';
const PREDICTIONS = Number(process.env['BENCH_LIVE_PREDICTIONS'] ?? 10_000);
const SNAPSHOTS = Number(process.env['BENCH_LIVE_SNAPSHOTS'] ?? 500);
/** OUT reports of a starter, one after the other, each re-predicting his teammates. */
const NEWS = Number(process.env['BENCH_LIVE_NEWS'] ?? 19);
/** Days of synthetic box scores before the game date (the feature store's history). */
const HISTORY_DAYS = Number(process.env['BENCH_LIVE_HISTORY_DAYS'] ?? 60);
/** Snapshots imported first and not measured (all in capture order before the measured ones). */
const WARMUP = 5;
const BOOKS = ['dk', 'fd', 'mgm', 'czr', 'bet365'];
const PRICING = { minEdge: 0.03, minConfidence: 0.05, kellyFraction: 0.25, kellyCap: 0.05 };
/** Prices of a moved line, by round. */
const MOVED_PRICES: readonly [number, number][] = [
  [-115, -105],
  [-120, 100],
  [105, -125],
  [-110, -110],
];
const OUT_DIR = resolve(__dirname, '../../var/bench');
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summary(values: readonly number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] ?? 0) };
}

/** The day's props: every (player, game, stat, book) with its current line, by game and book. */
interface Prop {
  playerId: number;
  gameId: string;
  stat: string;
  book: string;
  line: number;
  overPrice: number;
  underPrice: number;
}

async function main(): Promise<void> {
  const baseUrl = databaseUrlFromEnv();
  const url = await recreateMigratedDatabase(BENCH_DATABASE, join(__dirname, '../../prisma/migrations'));
  const pool = createPgPool(url, 6);
  const prisma = createPrismaClient(url, { maxConnections: 2 });
  const artifacts = mkdtempSync(join(tmpdir(), 'propcast-bench-live-'));
  const store = createArtifactStore(`file://${artifacts}`);
  const suffix = randomBytes(4).toString('hex');
  const prefix = `bench-live-${suffix}.`;
  const services: RunningProcess[] = [];
  const bus = createEventBus({ transport: 'redis-streams', redisUrl: REDIS_URL, topicPrefix: prefix });
  const queue = openPredictionQueue({ redisUrl: REDIS_URL, prefix: `bench-live-${suffix}` });
  const models = new ServingModels(new ModelRegistry(prisma), new ModelCache(new ArtifactModelLoader(store), 16));
  try {
    // A game day tomorrow (UTC), tipping off at 23:00 UTC: every snapshot below is captured before it.
    const tomorrow = new Date(Date.now() + 86_400_000);
    const gameDate = tomorrow.toISOString().slice(0, 10);
    const tipoff = new Date(`${gameDate}T23:00:00Z`);
    let t = performance.now();
    await createSyntheticTrainer({ prisma, pool, store }, { until: gameDate }).trainProduction(ALL_STATS);
    console.error(`trained ${ALL_STATS.length} models with the trainer in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const players = Math.ceil(PREDICTIONS / (ALL_STATS.length * BOOKS.length));
    t = performance.now();
    const history = liveHistory({ gameDate, players, days: HISTORY_DAYS, season: '2026-27', tipoffAt: tipoff });
    await seedBoxScores(pool, history.logs, { tipoffAt: (_id, date) => new Date(`${date}T23:00:00Z`) });
    await seedGames(pool, history.games);
    const features = createFeaturePipeline({ pool, featureSet: 'v1', progress: { quiet: true } });
    await (
      await features.backfill.start()
    ).done;
    // The schedule import's recompute of the day (from the backfill's checkpoint): the rows of its rosters.
    const day = await features.recompute.recompute(gameDate, gameDate);
    if (day.rows === 0) throw new Error(`the feature store computed no row for ${gameDate}`);
    console.error(
      `features: ${history.logs.length} box scores of ${HISTORY_DAYS} days, ${day.rows} rows of the day (checkpoint ${day.checkpoint}) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    await seedDayLines(pool, gameDate, history.logs, new Date(Date.now() - 3_600_000));

    t = performance.now();
    const uc = coordinatorUseCases(pool, queue, new RecordingBus(), { jobSize: 250 });
    const predict = new PredictJobUseCase(pool, createServingRepositories(), new FeatureStoreSource(pool, null), models, PRICING);
    await uc.start.execute({ gameDate, trigger: 'manual' });
    for (const job of await queue.getJobs(['waiting'])) await predict.execute({ job: job.data as PredictionJob, attempt: 1 });
    const predicted = Number((await pool.query('SELECT count(*) FROM predictions WHERE game_date = $1::date', [gameDate])).rows[0].count);
    console.error(`predicted the day: ${predicted} predictions in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await queue.obliterate({ force: true });

    const env = {
      DATABASE_URL: url,
      REDIS_URL,
      EVENT_TOPIC_PREFIX: prefix,
      QUEUE_PREFIX: `bench-live-${suffix}`,
      FEATURE_CACHE_KEY_PREFIX: `bench-live-${suffix}:`,
      ARTIFACT_STORE_URI: `file://${artifacts}`,
      LOG_LEVEL: 'error',
    };
    const completedAt = new Map<string, number>();
    const updatedAt = new Map<string, { at: number; event: EventEnvelope<'predictions.updated'> }>();
    await bus.subscribe('ingestion.completed', `bench-${suffix}`, async (event) => void completedAt.set(event.data.batchId, Date.now()));
    await bus.subscribe('predictions.updated', `bench-${suffix}`, async (event) => void updatedAt.set(event.data.causeBatchId, { at: Date.now(), event }));
    services.push(await startService('prediction-worker', { ...env, WORKER_CONCURRENCY: '1' }));
    services.push(await startService('prediction-coordinator', { ...env, JOB_SIZE: '250', SWEEP_INTERVAL_MS: '60000' }));

    const props = (
      await pool.query<Prop>(
        `SELECT DISTINCT ON (player_id, game_id, stat, book) player_id AS "playerId", game_id AS "gameId", stat::text, book, line,
                 over_price AS "overPrice", under_price AS "underPrice"
           FROM prop_lines WHERE game_date = $1::date ORDER BY player_id, game_id, stat, book, captured_at DESC`,
        [gameDate],
      )
    ).rows;
    const groups = new Map<string, Prop[]>();
    for (const p of props) {
      const key = `${p.gameId}|${p.book}`;
      const list = groups.get(key);
      if (list) list.push(p);
      else groups.set(key, [p]);
    }
    const snapshotsOf = [...groups.values()];
    const importer = new ImportBatchUseCase({ pool, artifacts: store, events: new Outbox(pool, bus), repositories: createIngestionRepositories() });
    const importSnapshot = async (k: number): Promise<{ batchId: string; committedMs: number; lines: number }> => {
      const group = snapshotsOf[k % snapshotsOf.length];
      const round = Math.floor(k / snapshotsOf.length) + 1;
      // Captured in order, 20 s apart, all before tip-off. Each round over the (game, book) pairs a different third of
      // the props moves off its opening line (half a point per round, new prices); the others are quoted at the opening
      // line (so the third that moved in the round before moves back).
      const capturedAt = new Date(tipoff.getTime() - 6 * 3_600_000 + k * 20_000).toISOString();
      const rows = group.map((p, i) => {
        const moved = i % 3 === round % 3;
        const line = moved ? p.line + 0.5 * round : p.line;
        const [over, under] = moved ? MOVED_PRICES[round % MOVED_PRICES.length] : [p.overPrice, p.underPrice];
        return [p.playerId, p.gameId, gameDate, p.stat, line, over, under, p.book, capturedAt].join(',');
      });
      const csv = ['player_id,game_id,game_date,stat,line,over_price,under_price,book,captured_at', ...rows].join('\n');
      const report = await importer.execute({ kind: 'PROPS', input: { bytes: Buffer.from(csv), fileName: `snapshot-${k}.csv` }, source: `bench-live-${k}.csv` });
      if (report.status !== 'ACCEPTED') throw new Error(`snapshot ${k} was ${report.status}: ${report.message}`);
      const committed = await pool.query<{ ms: number }>(`SELECT (extract(epoch FROM committed_at) * 1000)::float8 AS ms FROM ingest_batches WHERE id = $1`, [report.batchId]);
      return { batchId: report.batchId, committedMs: committed.rows[0].ms, lines: rows.length };
    };

    // Warm-up (models' probability models read, connections open, consumer groups created); not measured.
    for (let k = 0; k < WARMUP; k++) {
      const { batchId } = await importSnapshot(k);
      await waitFor(() => updatedAt.has(batchId), 60_000, `predictions.updated of warm-up ${batchId}`);
    }

    const repriceMs: number[] = [];
    const baselineMs: number[] = [];
    let prices = 0;
    let lines = 0;
    t = performance.now();
    for (let k = 0; k < SNAPSHOTS; k++) {
      const snapshot = await importSnapshot(WARMUP + k);
      await waitFor(() => updatedAt.has(snapshot.batchId) && completedAt.has(snapshot.batchId), 30_000, `predictions.updated of snapshot ${k}`);
      const updated = updatedAt.get(snapshot.batchId);
      repriceMs.push((updated?.at ?? 0) - snapshot.committedMs);
      baselineMs.push((completedAt.get(snapshot.batchId) ?? 0) - snapshot.committedMs);
      prices += updated?.event.data.counts.prices ?? 0;
      lines += snapshot.lines;
    }
    const seconds = (performance.now() - t) / 1000;
    const priceRows = Number((await pool.query('SELECT count(*) FROM prediction_prices WHERE game_date = $1::date', [gameDate])).rows[0].count);

    // News: an OUT report for the first home player of a game (a starter), through the real AVAILABILITY import. The
    // worker records it; the real feature-store process, started now (so its recomputes of the 500 line imports above
    // did not compete with the re-pricing), recomputes his game from the checkpoint before the date and publishes
    // phase.completed; the coordinator starts the teammates' batch, the worker predicts and prices it, the coordinator
    // publishes predictions.updated.
    services.push(await startService('feature-store', { ...env, FEATURE_SET: 'v1' }));
    const phaseAt: number[] = [];
    await bus.subscribe('phase.completed', `bench-${suffix}`, async () => void phaseAt.push(Date.now()));
    const gameIds = [...new Set(props.map((p) => p.gameId))].sort();
    const newsMs: number[] = [];
    const featuresMs: number[] = [];
    let repredicted = 0;
    // Game 0 is the warm-up (the worker opens its ONNX sessions): not measured.
    for (let n = 0; n <= Math.min(NEWS, gameIds.length - 1); n++) {
      const gameId = gameIds[n];
      const starter = await pool.query<{ player_id: number; team_id: number }>(
        `SELECT fr.player_id, fr.team_id FROM feature_rows fr JOIN games g ON g.id = fr.game_id AND g.home_team_id = fr.team_id
          WHERE fr.game_id = $1 ORDER BY fr.player_id LIMIT 1`,
        [gameId],
      );
      const { player_id: playerId, team_id: teamId } = starter.rows[0];
      const reportedAt = new Date(tipoff.getTime() - 3_600_000 + n * 10_000).toISOString();
      const csv = `player_id,team,game_id,game_date,current_status,reason,reported_at\n${playerId},${teamById(teamId)?.abbreviation ?? teamId},${gameId},${gameDate},OUT,Injury,${reportedAt}`;
      const report = await importer.execute({ kind: 'AVAILABILITY', input: { bytes: Buffer.from(csv), fileName: `news-${n}.csv` }, source: `bench-live-news-${n}.csv` });
      if (report.status !== 'ACCEPTED') throw new Error(`news ${n} was ${report.status}: ${report.message}`);
      const committed = await pool.query<{ ms: number }>(`SELECT (extract(epoch FROM committed_at) * 1000)::float8 AS ms FROM ingest_batches WHERE id = $1`, [report.batchId]);
      await waitFor(() => updatedAt.get(report.batchId)?.event.data.reason === 'news', 60_000, `predictions.updated of news ${n}`);
      const updated = updatedAt.get(report.batchId);
      const phase = phaseAt.find((at) => at >= committed.rows[0].ms);
      if (n === 0) continue;
      newsMs.push((updated?.at ?? 0) - committed.rows[0].ms);
      if (phase !== undefined) featuresMs.push(phase - committed.rows[0].ms);
      repredicted += updated?.event.data.counts.predictions ?? 0;
    }

    const reprice = summary(repriceMs);
    const baseline = summary(baselineMs);
    const news = summary(newsMs);
    const featuresSummary = summary(featuresMs);
    const result = {
      predictions: predicted,
      snapshots: SNAPSHOTS,
      linesPerSnapshot: Math.round(lines / SNAPSHOTS),
      pricesAppended: prices,
      priceRowsStored: priceRows,
      repriceP95Ms: reprice.p95,
      repriceMs: reprice,
      baselineP95Ms: baseline.p95,
      baselineMs: baseline,
      repriceOverBaseline: Number((reprice.p95 / Math.max(baseline.p95, 0.1)).toFixed(2)),
      newsP95Ms: news.p95,
      newsMs: news,
      newsFeaturesP95Ms: featuresSummary.p95,
      newsFeaturesMs: featuresSummary,
      newsReports: newsMs.length,
      newsPredictionsPerReport: newsMs.length ? Math.round(repredicted / newsMs.length) : 0,
      historyDays: HISTORY_DAYS,
      historyBoxScores: history.logs.length,
      newsNote:
        'OUT report import commit -> his game recomputed by the feature-store process from the checkpoint before the date -> teammates re-predicted (ONNX) and re-priced by the worker -> predictions.updated delivered; newsFeatures: commit -> first phase.completed of the recompute delivered. Synthetic box-score history (30 teams, fixed rosters), feature set v1, prices on the seeded lines (not real prices).',
      seconds: Number(seconds.toFixed(1)),
    };
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(join(OUT_DIR, 'live.json'), `${JSON.stringify(result, null, 2)}\n`);
    const rows: [string, string][] = [
      ['predictions of the day', String(result.predictions)],
      ['line snapshots imported (one game, one book each)', `${SNAPSHOTS} (${result.linesPerSnapshot} lines each, ${seconds.toFixed(1)} s)`],
      ['prices appended', String(result.pricesAppended)],
      ['commit -> ingestion.completed delivered (baseline) p50/p95/p99', `${baseline.p50} / ${baseline.p95} / ${baseline.p99} ms`],
      ['commit -> re-priced + predictions.updated p50/p95/p99', `${reprice.p50} / ${reprice.p95} / ${reprice.p99} ms${reprice.p95 < 250 ? '' : '  (target p95 < 250)'}`],
      ['re-priced p95 / baseline p95', `${result.repriceOverBaseline}x`],
      [`OUT report -> game features recomputed (phase.completed) (${featuresMs.length} reports) p50/p95`, `${featuresSummary.p50} / ${featuresSummary.p95} ms`],
      [
        `OUT report -> features, teammates re-predicted and re-priced (${newsMs.length} reports) p50/p95`,
        `${news.p50} / ${news.p95} ms (${result.newsPredictionsPerReport} predictions each)${news.p95 < 2000 ? '' : '  (target p95 < 2000)'}`,
      ],
    ];
    console.log(keyValueLines(rows));
  } finally {
    await Promise.allSettled(services.map((s) => s.stop()));
    await Promise.allSettled([models.close(), queue.obliterate({ force: true }).then(() => queue.close()), bus.close()]);
    await Promise.allSettled([pool.end(), prisma.$disconnect()]);
    await dropDatabase(baseUrl, BENCH_DATABASE).catch(() => undefined);
    rmSync(artifacts, { recursive: true, force: true });
  }
}

/** Lines of every (player, stat, book) of the day's feature rows, near each player's average, with varied prices. */
async function seedDayLines(pool: Pool, gameDate: string, logs: readonly PlayerGameLog[], capturedAt: Date): Promise<void> {
  const sums = new Map<number, { n: number; pts: number; reb: number; ast: number; fg3m: number }>();
  for (const l of logs) {
    if (l.dnp) continue;
    const s = sums.get(l.playerId) ?? { n: 0, pts: 0, reb: 0, ast: 0, fg3m: 0 };
    s.n++;
    s.pts += l.pts ?? 0;
    s.reb += l.reb ?? 0;
    s.ast += l.ast ?? 0;
    s.fg3m += l.fg3m ?? 0;
    sums.set(l.playerId, s);
  }
  const rows = (await pool.query<{ player_id: number; game_id: string }>(`SELECT player_id, game_id FROM feature_rows WHERE game_date = $1::date ORDER BY 1`, [gameDate])).rows;
  const prices: readonly [number, number][] = [
    [-110, -110],
    [-120, 100],
    [105, -125],
    [-115, -105],
    [-140, 120],
  ];
  const cols: unknown[][] = [[], [], [], [], [], [], []];
  rows.forEach((r, p) => {
    const s = sums.get(r.player_id) ?? { n: 1, pts: 0, reb: 0, ast: 0, fg3m: 0 };
    const avg: Record<string, number> = { POINTS: s.pts / s.n, REBOUNDS: s.reb / s.n, ASSISTS: s.ast / s.n, THREES: s.fg3m / s.n, PRA: (s.pts + s.reb + s.ast) / s.n };
    for (const stat of ALL_STATS) {
      BOOKS.forEach((book, b) => {
        const [over, under] = prices[(p + b) % prices.length];
        [r.player_id, r.game_id, stat, Math.max(0.5, Math.floor(avg[stat]) + 0.5), over, under, book].forEach((v, i) => cols[i].push(v));
      });
    }
  });
  await pool.query(
    `INSERT INTO prop_lines (player_id, game_id, game_date, stat, line, over_price, under_price, book, captured_at, batch_id)
     SELECT t.p, t.g, $8::date, t.s, t.l, t.o, t.u, t.b, $9::timestamp, 'seed'
       FROM unnest($1::int[], $2::text[], $3::"StatType"[], $4::float8[], $5::int[], $6::int[], $7::text[]) AS t(p, g, s, l, o, u, b)`,
    [...cols, gameDate, capturedAt.toISOString().replace('Z', '')],
  );
  // The coordinator's trigger records, as the processors' phase.completed of the backfill would have left them.
  await pool.query(
    `INSERT INTO trigger_records (game_date, processor, message_id, received_at)
     SELECT $1::date, p, 'bench-' || p, now() AT TIME ZONE 'UTC' FROM unnest($2::text[]) AS p ON CONFLICT (game_date, processor) DO NOTHING`,
    [gameDate, PROCESSORS],
  );
}

main().catch((err: Error) => {
  console.error(`bench:live: ${err.stack ?? err.message}`);
  process.exit(1);
});
