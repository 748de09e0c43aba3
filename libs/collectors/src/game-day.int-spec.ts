/**
 * Issue 16: a game day run by the collectors alone, through to graded predictions with line history and CLV.
 *
 * The test's own upstreams (The Odds API v4, stats.nba.com, the injury-report folder) serve real 2018-19 data; the
 * collectors post to the real ingestion service; the feature store, coordinator, worker and trainer (grading) run as
 * services, as `nx serve` starts them, on one Redis Streams prefix. The test only runs collector polls and moves the
 * simulated clock: it never starts a batch, re-prices, records news or grades. Between two polls that posted
 * something it waits until the chain is idle (as the real minutes between polls would), so what was re-priced when
 * does not depend on the machine's speed.
 *
 * Models: real XGBoost models (ONNX) trained with the trainer's own use cases on synthetic rows (the two backfilled
 * days are too little history to train on). No market combination is ever fitted here (that needs graded real prices
 * of earlier days), so the worker would price every real line with the vig-free market and PASS; the test stores a
 * model-only combination (coefficients: model 1, market 0) so that the model's own P(over) makes the calls and CLV
 * has bets to measure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createArtifactStore } from '@propcast/artifact-store';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { MarketCombiner } from '@propcast/prediction';
import { createSyntheticTrainer, startService, waitFor, type RunningProcess } from '@propcast/prediction-serving/testing';
import type { ModelRecord } from '@propcast/model-registry';
import { FakeUpstreams } from './testing/fake-upstreams';
import { GAME_IDS, injuryCsv, oddsEvents, TIPOFFS } from './testing/game-day-books';
import { collectorProcess } from './testing/collector-process';
import { SimulatedClock, startIngestion, type IngestionProcess } from './testing/ingestion-process';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const DAY = '2018-10-18';
/** 2018-10-16..18: the backfilled history and the game day (the 19th is left out: nothing to predict there). */
const DAY_GAMES = GAME_IDS.slice(13, 16);

describe('a game day run only by the collectors: schedule, lines every few minutes, an OUT report, finals -> graded predictions with line history and CLV', () => {
  let db: TestDatabase;
  let artifacts: string;
  let redis: Redis;
  let up: FakeUpstreams;
  let ingestion: IngestionProcess;
  let services: (RunningProcess & { url: string })[] = [];
  let models: ModelRecord[];
  const prefix = `gameday-${randomBytes(4).toString('hex')}.`;
  const clock = new SimulatedClock('2018-10-17T09:00:00Z');
  const started = Date.now();
  const settled = { count: 0, ms: 0 };

  /** A collector process: fresh clients and use cases (each poll is a new cron run). */
  const collectors = () => collectorProcess({ pool: db.pool, clock, upstreamUrl: up.url, oddsKey: up.oddsKey, ingestionUrl: ingestion.url });

  /** The streams of this test's prefix, with their consumer groups' pending and undelivered counts. */
  async function streamsIdle(): Promise<boolean> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      for (const key of found) if ((await redis.type(key)) === 'stream') keys.push(key);
    } while (cursor !== '0');
    for (const key of keys) {
      const groups = (await redis.xinfo('GROUPS', key)) as unknown[][];
      for (const g of groups) {
        const info = Object.fromEntries(Array.from({ length: g.length / 2 }, (_, i) => [String(g[2 * i]), g[2 * i + 1]]));
        if (Number(info['pending']) > 0 || info['lag'] === null || Number(info['lag']) > 0) return false;
      }
    }
    return true;
  }

  async function quiet(): Promise<boolean> {
    const outbox = await db.pool.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    const running = await db.pool.query(`SELECT count(*)::int AS n FROM prediction_batches WHERE state IN ('PENDING', 'RUNNING', 'STALLED')`);
    return outbox.rows[0].n === 0 && running.rows[0].n === 0 && (await streamsIdle());
  }

  /** Waits until every event was handled by every service and no batch runs (twice in a row: a handler may be between ack and outbox). */
  async function settle(what: string): Promise<void> {
    const t0 = Date.now();
    let streak = 0;
    await waitFor(
      async () => {
        streak = (await quiet()) ? streak + 1 : 0;
        if (streak < 2) await new Promise((r) => setTimeout(r, 100));
        return streak >= 2;
      },
      90_000,
      `the chain to settle after ${what}`,
    );
    settled.count++;
    settled.ms += Date.now() - t0;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    artifacts = mkdtempSync(join(tmpdir(), 'propcast-gameday-'));
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 });
    up = new FakeUpstreams(() => clock.now(), GAME_IDS.slice(0, 16));
    await up.start();

    // Real models for the two stats the books price, and their model-only market combination (see the header).
    const store = createArtifactStore(`file://${artifacts}`);
    models = await createSyntheticTrainer({ prisma: db.prisma, pool: db.pool, store }, { until: '2018-10-15', days: 30 }).trainProduction(['POINTS', 'REBOUNDS']);
    for (const m of models) await storeModelOnlyCombiner(db, m);
    const trained = Date.now();

    const env = {
      DATABASE_URL: db.url,
      REDIS_URL,
      EVENT_TOPIC_PREFIX: prefix,
      QUEUE_PREFIX: prefix.slice(0, -1),
      FEATURE_CACHE_KEY_PREFIX: prefix,
      ARTIFACT_STORE_URI: `file://${artifacts}`,
    };
    [ingestion, ...services] = await Promise.all([
      startIngestion(db.url, env),
      startService('feature-store', env, 120_000),
      startService('prediction-coordinator', { ...env, JOB_SIZE: '200', SWEEP_INTERVAL_MS: '2000' }, 120_000),
      startService('prediction-worker', { ...env, WORKER_CONCURRENCY: '2' }, 120_000),
      startService('trainer', { ...env, TRAINER_SCHEDULER_ENABLED: 'false' }, 120_000),
    ]);
    process.stderr.write(`game day: set-up in ${((Date.now() - started) / 1000).toFixed(1)} s (2 models trained in ${((trained - started) / 1000).toFixed(1)} s, then 5 services up)\n`);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await ingestion?.stop();
    await up?.stop();
    await redis?.quit();
    await db?.drop();
    if (artifacts) rmSync(artifacts, { recursive: true, force: true });
  }, 120_000); // five services draining on a loaded machine

  it('runs from the first poll to graded predictions with no manual step', async () => {
    // History: the games of 10-16 and 10-17 backfilled from stats.nba.com (the "mm:60" minutes included).
    const history = await collectors().games.backfill('2018-10-16', '2018-10-17');
    // An ingestion error names only a requestId: show the service's log with it (a 500 was seen once at load 8+).
    if (history.errors.length > 0) console.error(`ingestion log (tail):\n${ingestion.output().slice(-6000)}`);
    expect(history).toMatchObject({ errors: [], games: 13, boxScoresCollected: 13, rejectedRows: 0 });
    await settle('the backfill');

    // Game day: the morning schedule run; the chain predicts the slate on its own (no lines yet).
    for (const id of DAY_GAMES) up.status.set(id, { id: 1, text: TIPOFFS[id] });
    up.events = oddsEvents(up, DAY, '2018-10-18T21:00:00Z');
    clock.set('2018-10-18T16:00:00Z');
    expect(await collectors().games.daily()).toMatchObject({ errors: [], schedulesPosted: 2 }); // 10-17 and 10-18 (this server knows no game of the 19th)
    await settle('the schedule');

    // Lines every 5 simulated minutes (the collector polls each game as its tier says), injury reports hourly.
    for (; clock.now() < new Date('2018-10-19T02:10:00Z'); clock.advanceMinutes(5)) {
      const at = clock.now().toISOString().slice(11, 16);
      if (at === '17:00') up.injuryReports.set(DAY, { body: injuryCsv('Questionable'), lastModified: 'Thu, 18 Oct 2018 16:45:00 GMT' });
      if (at === '21:00') up.injuryReports.set(DAY, { body: injuryCsv('Out'), lastModified: 'Thu, 18 Oct 2018 20:45:00 GMT' });
      const c = collectors();
      const odds = await c.odds.execute();
      expect(odds.errors).toEqual([]);
      let posted = odds.posted;
      if (at.endsWith(':00')) {
        const injuries = await c.availability.execute();
        expect(injuries.errors).toEqual([]);
        posted += injuries.posted;
      }
      if (posted > 0) await settle(`the ${at} polls`);
    }

    // The morning after: the finals' box scores, then grading.
    for (const id of DAY_GAMES) up.status.set(id, { id: 3, text: 'Final' });
    clock.set('2018-10-19T09:00:00Z');
    expect(await collectors().games.daily()).toMatchObject({ errors: [], boxScoresCollected: 3 });
    await settle('the finals');
    process.stderr.write(
      `game day: whole run in ${((Date.now() - started) / 1000).toFixed(1)} s, of which ${(settled.ms / 1000).toFixed(1)} s waiting ${settled.count} times for the chain to settle\n`,
    );

    // No manual step: every batch of the day was started by the feature store's phase.completed or by news.
    const batches = await db.pool.query(`SELECT id, "trigger", state, cause_batch_id, player_ids FROM prediction_batches WHERE game_date = $1::date ORDER BY created_at`, [DAY]);
    process.stderr.write(`batches: ${JSON.stringify(batches.rows.map((b) => [b.trigger, b.state, b.cause_batch_id, b.player_ids?.length]))}\n`);
    expect(batches.rows.length).toBeGreaterThanOrEqual(2);
    expect(batches.rows.every((b) => b.trigger === 'stream' || b.trigger === 'news')).toBe(true);
    expect(batches.rows.every((b) => b.state === 'COMPLETED' || b.state === 'COMPLETED_WITH_FAILURES')).toBe(true);
    expect(batches.rows[0].trigger).toBe('stream');

    // Line history of one prop: Embiid's draftkings points line, hourly, then every 15 minutes, then every 5 up to tip-off.
    const lines = await db.pool.query<{ t: string; line: number; over: number }>(
      `SELECT to_char(l.captured_at AT TIME ZONE 'UTC', 'HH24:MI') AS t, l.line, l.over_price AS over FROM prop_lines l JOIN players p ON p.id = l.player_id
        WHERE p.name = 'Joel Embiid' AND l.game_id = '0021800014' AND l.stat = 'POINTS' AND l.book = 'draftkings' ORDER BY l.captured_at`,
    );
    const times = lines.rows.map((r) => r.t);
    expect(times.slice(0, 6)).toEqual(['16:00', '17:00', '18:00', '19:00', '20:00', '20:15']);
    expect(times.slice(-3)).toEqual(['22:45', '22:50', '22:55']);
    expect(lines.rows.filter((r) => r.t < '21:00').every((r) => r.line === 29.5 && r.over === -110)).toBe(true);
    expect(lines.rows.filter((r) => r.t >= '21:00').every((r) => r.line === 30.5 && r.over === -120)).toBe(true);

    // Its prices: the slate's prediction priced at the first snapshot; the one served at 21:00 re-priced at the move,
    // from its stored mean (no new inference); the prediction of the OUT news batch starts from the moved line.
    const prices = await db.pool.query(
      `SELECT p.batch_id, p.line AS first_line, to_char(pp.line_captured_at AT TIME ZONE 'UTC', 'HH24:MI') AS t, pp.line, pp.over_price AS over, pp.reason
         FROM predictions p JOIN players pl ON pl.id = p.player_id LEFT JOIN prediction_prices pp ON pp.prediction_id = p.id
        WHERE pl.name = 'Joel Embiid' AND p.game_date = $1::date AND p.stat = 'POINTS' AND p.book = 'draftkings' ORDER BY p.id, pp.id`,
      [DAY],
    );
    expect(prices.rows[0]).toMatchObject({ batch_id: batches.rows[0].id, first_line: 29.5, t: '16:00', line: 29.5, over: -110, reason: 'line' });
    expect(prices.rows).toContainEqual(expect.objectContaining({ first_line: 29.5, t: '21:00', line: 30.5, over: -120, reason: 'line' }));
    expect(prices.rows.at(-1)).toMatchObject({ batch_id: batches.rows.at(-1).id, first_line: 30.5 });
    // Every served draftkings points prediction was re-priced at the move; nothing was priced at or after tip-off.
    const moved = await db.pool.query(
      `SELECT count(*)::int AS n FROM prediction_prices pp JOIN predictions p ON p.id = pp.prediction_id
        WHERE p.game_date = $1::date AND p.stat = 'POINTS' AND p.book = 'draftkings' AND pp.line_captured_at = '2018-10-18T21:00:00' AND pp.over_price = -120`,
      [DAY],
    );
    expect(moved.rows[0].n).toBeGreaterThan(10);
    const late = await db.pool.query(
      `SELECT count(*)::int AS n FROM prediction_prices pp JOIN predictions p ON p.id = pp.prediction_id JOIN games g ON g.id = p.game_id WHERE pp.line_captured_at >= g.tipoff_at`,
    );
    expect(late.rows[0].n).toBe(0);

    // The injury reports: Milton questionable, then out; each change re-predicted his ten teammates in a news batch.
    const news = await db.pool.query(
      `SELECT n.changes, n.prediction_batch_id, b."trigger", b.state, cardinality(b.player_ids) AS players FROM availability_news n JOIN prediction_batches b ON b.id = n.prediction_batch_id
        WHERE n.game_date = $1::date ORDER BY n.committed_at`,
      [DAY],
    );
    expect(news.rows.map((n) => [n.changes.map((c: { from: string | null; to: string }) => `${c.from}->${c.to}`), n.trigger, n.players])).toEqual([
      [['null->QUESTIONABLE'], 'news', 11],
      [['QUESTIONABLE->OUT'], 'news', 11],
    ]);

    // Graded: every prediction of the day, each call with its book's closing line (the last before tip-off) and CLV.
    const ungraded = await db.pool.query(`SELECT count(*)::int AS n FROM predictions p LEFT JOIN grades gr ON gr.prediction_id = p.id WHERE p.game_date = $1::date AND gr.id IS NULL`, [DAY]);
    expect(ungraded.rows[0].n).toBe(0);
    const calls = await db.pool.query<{
      book: string;
      stat: string;
      call: string;
      line: number;
      closing_line: number;
      closing_over_price: number;
      clv_line: number;
      clv_price: number | null;
      result: string;
      actual: number;
    }>(
      `SELECT p.book, p.stat::text, p.recommendation::text AS call, p.line, gr.closing_line, gr.closing_over_price, gr.clv_line, gr.clv_price, gr.result::text, gr.actual
         FROM grades gr JOIN predictions p ON p.id = gr.prediction_id WHERE p.game_date = $1::date AND p.recommendation IN ('OVER', 'UNDER')`,
      [DAY],
    );
    expect(calls.rows.length).toBeGreaterThan(50);
    expect(calls.rows.every((c) => c.closing_line !== null)).toBe(true);
    const dkPoints = calls.rows.filter((c) => c.book === 'draftkings' && c.stat === 'POINTS');
    const beforeMove = dkPoints.filter((c) => c.line === c.closing_line - 1);
    expect(beforeMove.length).toBeGreaterThan(0);
    // Called before the move, against a close a point higher: +1 for an over, -1 for an under (no price CLV: the line moved).
    expect(beforeMove.every((c) => c.clv_line === (c.call === 'OVER' ? 1 : -1) && c.clv_price === null && c.closing_over_price === -120)).toBe(true);
    // fanduel never moved: no line value; the price value of a -110 bet on a -110/-110 close is 0.5 / (110/210) - 1 = -1/22 (the vig).
    const fanduel = calls.rows.filter((c) => c.book === 'fanduel');
    expect(fanduel.length).toBeGreaterThan(0);
    expect(fanduel.every((c) => c.clv_line === 0 && c.clv_price !== null && Math.abs(c.clv_price + 1 / 22) < 1e-9)).toBe(true);
    // The books' points lines sat half a point under what each player scored (0.5 for a scoreless one): at fanduel
    // every over of a scorer won, every under lost.
    const fdPoints = fanduel.filter((c) => c.stat === 'POINTS' && c.actual === c.line + 0.5);
    expect(fdPoints.length).toBeGreaterThan(0);
    expect(fdPoints.filter((c) => c.result !== (c.call === 'OVER' ? 'WIN' : 'LOSS'))).toEqual([]);

    const clv = (rows: typeof calls.rows) => (rows.reduce((s, c) => s + c.clv_line, 0) / Math.max(1, rows.length)).toFixed(3);
    process.stderr.write(
      `game day: ${batches.rows.length} batches (${batches.rows.map((b) => b.trigger).join(', ')}); ${lines.rows.length} snapshots of Embiid's draftkings points line; ` +
        `${moved.rows[0].n} draftkings points predictions re-priced at the move; ${calls.rows.length} graded calls (${dkPoints.length} draftkings points: mean CLV ${clv(dkPoints)} points; ${fanduel.length} fanduel: ${clv(fanduel)})\n`,
    );
  }, 600_000);
});

/** A model-only market combination (the model's P(over) as is): the worker then calls sides from the model, not PASS. */
async function storeModelOnlyCombiner(db: TestDatabase, model: ModelRecord): Promise<void> {
  const combiner = MarketCombiner.fromJSON({
    kind: 'market-combiner',
    version: 1,
    coefficients: { intercept: 0, model: 1, market: 0, gap: 0 },
    fit: { rows: 1, from: '2018-09-30', to: '2018-09-30', asOf: '2018-10-01', penalty: 0, logLoss: 0, marketLogLoss: 0 },
  });
  const f = combiner.fit;
  await db.pool.query(
    `INSERT INTO market_combiners (model_id, stat, as_of, rows, period_from, period_to, coefficients, state, source)
     VALUES ($1, $2::"StatType", $3, $4, $5, $6, $7, $8, 'game-day test: model only')`,
    [model.id, model.stat, f.asOf, f.rows, f.from, f.to, JSON.stringify(combiner.coefficients), JSON.stringify(combiner.toJSON())],
  );
}
