import { register } from 'prom-client';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { CollectorMetrics, CollectorStateRepository } from '.';
import { collectorProcess } from './testing/collector-process';
import { FakeUpstreams } from './testing/fake-upstreams';
import { GAME_IDS, injuryCsv, oddsEvents, TIPOFFS } from './testing/game-day-books';
import { IngestionProxy, SimulatedClock, startIngestion, type IngestionProcess } from './testing/ingestion-process';

describe("collectors against the test's own Odds API, stats.nba.com and injury-report servers, through the real ingestion service", () => {
  let db: TestDatabase;
  let ingestion: IngestionProcess;
  let proxy: IngestionProxy;
  let up: FakeUpstreams;
  const clock = new SimulatedClock('2018-10-18T04:00:00Z');

  /** A collector process: fresh clients and use cases over the same database (a restart is a new one). */
  const collectors = () => collectorProcess({ pool: db.pool, clock, upstreamUrl: up.url, oddsKey: up.oddsKey, ingestionUrl: proxy.url });

  beforeAll(async () => {
    db = await createTestDatabase();
    up = new FakeUpstreams(() => clock.now(), GAME_IDS);
    await up.start();
    ingestion = await startIngestion(db.url);
    proxy = new IngestionProxy(ingestion.url);
    await proxy.start();
  }, 120_000);

  afterAll(async () => {
    await proxy?.stop();
    await ingestion?.stop();
    await up?.stop();
    await db?.drop();
  });

  it('backfills a date range window by window (an empty one included) with the headers stats.nba.com wants, and a killed backfill resumes without fetching a game twice', async () => {
    // Game 0021800008 fails on every attempt: the run stops there, with 10-16 and seven games of 10-17 collected.
    up.inject('/stats/boxscoretraditionalv2', { GameID: '0021800008' }, { status: 500 }, { status: 502 }, { status: 503 });
    const killed = await collectors().games.backfill('2018-10-14', '2018-10-17');
    expect(killed.errors).toEqual([expect.stringMatching(/boxscoretraditionalv2\?GameID=0021800008.*HTTP 503/)]);
    expect(killed).toMatchObject({ dates: ['2018-10-14..2018-10-15', '2018-10-16..2018-10-17'], games: 13, boxScoresCollected: 7, doneThrough: '2018-10-15' });
    expect(clock.slept.slice(-2)).toEqual([1_000, 2_000]);

    const resumed = await collectors().games.backfill('2018-10-14', '2018-10-17');
    expect(resumed).toMatchObject({ errors: [], dates: ['2018-10-16..2018-10-17'], games: 13, boxScoresCollected: 6, doneThrough: '2018-10-17' });
    // The real 0021800004 and 0021800012 each have one MIN "mm:60" (a rounded-up minute): ingestion takes it, no row is left out.
    expect(killed.rejectedRows + resumed.rejectedRows).toBe(0);

    const finder = up.requests('/stats/leaguegamefinder').map((r) => `${r.query.get('DateFrom')}-${r.query.get('DateTo')}`);
    expect(finder).toEqual(['10/14/2018-10/15/2018', '10/16/2018-10/17/2018', '10/16/2018-10/17/2018']);
    const boxOk = up
      .requests('/stats/boxscoretraditionalv2')
      .filter((r) => r.status === 200)
      .map((r) => r.query.get('GameID'));
    expect(boxOk.sort()).toEqual(GAME_IDS.slice(0, 13));
    expect(up.requests('/stats/').every((r) => r.headers['x-nba-stats-token'] === 'true' && r.headers['referer'] === 'https://www.nba.com/' && r.status !== 403)).toBe(true);

    const games = await db.pool.query(`SELECT status, count(*)::int AS n, count(DISTINCT game_date)::int AS dates FROM games GROUP BY status`);
    expect(games.rows).toEqual([{ status: 'FINAL', n: 13, dates: 2 }]);
    const stats = await db.pool.query(`SELECT count(DISTINCT game_id)::int AS games FROM player_game_stats`);
    expect(stats.rows[0].games).toBe(13);
  });

  it('runs a game day from the collectors alone: schedule, lines every few simulated minutes (a 429 waited out), an OUT report, final box scores', async () => {
    for (const id of GAME_IDS.slice(13)) up.status.set(id, { id: 1, text: TIPOFFS[id] });
    up.events = oddsEvents(up, '2018-10-18', '2018-10-18T21:00:00Z');
    clock.set('2018-10-18T16:00:00Z');
    const schedule = await collectors().games.daily();
    expect(schedule).toMatchObject({ errors: [], dates: ['2018-10-17', '2018-10-18', '2018-10-19'], schedulesPosted: 3, boxScoresCollected: 0, doneThrough: '2018-10-17' });
    const tip = await db.pool.query(`SELECT status, to_char(tipoff_at AT TIME ZONE 'UTC', 'HH24:MI') AS t FROM games WHERE id = '0021800016'`);
    expect(tip.rows[0]).toEqual({ status: 'SCHEDULED', t: '02:00' });

    up.inject('/v4/sports/basketball_nba/events', {}, { status: 429, headers: { 'retry-after': '7' }, body: JSON.stringify({ message: 'Too many requests', error_code: 'EXCEEDED_FREQ_LIMIT' }) });
    const reports = [];
    for (; clock.now() < new Date('2018-10-19T02:10:00Z'); clock.advanceMinutes(5)) {
      const at = clock.now().toISOString().slice(11, 16);
      if (at === '17:00') up.injuryReports.set('2018-10-18', { body: injuryCsv('Questionable'), lastModified: 'Thu, 18 Oct 2018 16:45:00 GMT' });
      if (at === '21:00') up.injuryReports.set('2018-10-18', { body: injuryCsv('Out'), lastModified: 'Thu, 18 Oct 2018 20:45:00 GMT' });
      const c = collectors();
      reports.push(await c.odds.execute());
      if (at.endsWith(':00')) expect((await c.availability.execute()).errors).toEqual([]);
    }
    expect(clock.slept).toContain(7_000);
    expect(reports.flatMap((r) => r.errors)).toEqual([]);
    expect(reports.reduce((n, r) => n + r.rejectedRows, 0)).toBeGreaterThan(0); // the Bulls' players are not stored yet: their lines are left out, the rest imported

    // Line history: Embiid's draftkings points line, polled hourly, then every 15 minutes, then every 5 minutes up to tip-off.
    const history = await db.pool.query<{ t: string; line: number; over: number }>(
      `SELECT to_char(l.captured_at AT TIME ZONE 'UTC', 'HH24:MI') AS t, l.line, l.over_price AS over FROM prop_lines l JOIN players p ON p.id = l.player_id
        WHERE p.name = 'Joel Embiid' AND l.game_id = '0021800014' AND l.stat = 'POINTS' AND l.book = 'draftkings' ORDER BY l.captured_at`,
    );
    const times = history.rows.map((r) => r.t);
    expect(times.slice(0, 6)).toEqual(['16:00', '17:00', '18:00', '19:00', '20:00', '20:15']);
    expect(times.slice(-3)).toEqual(['22:45', '22:50', '22:55']);
    expect(new Set(history.rows.map((r) => r.line))).toEqual(new Set([29.5, 30.5]));
    expect(history.rows.at(-1)).toMatchObject({ line: 30.5, over: -120 });
    const afterTip = await db.pool.query(`SELECT count(*)::int AS n FROM prop_lines l JOIN games g ON g.id = l.game_id WHERE l.captured_at >= g.tipoff_at`);
    expect(afterTip.rows[0].n).toBe(0);
    const gameLines = await db.pool.query(`SELECT count(DISTINCT captured_at)::int AS n, min(home_spread) AS spread, min(total) AS total FROM game_lines WHERE game_id = '0021800014'`);
    expect(gameLines.rows[0]).toMatchObject({ spread: -4.5, total: 221.5 });
    expect(gameLines.rows[0].n).toBeGreaterThan(10);

    const reportsOf = await db.pool.query(
      `SELECT a.status, to_char(a.reported_at AT TIME ZONE 'UTC', 'HH24:MI') AS at FROM availability_reports a JOIN players p ON p.id = a.player_id
        WHERE p.name = 'Shake Milton' AND a.game_id = '0021800014' AND a.source = 'REPORT' ORDER BY a.reported_at`,
    );
    expect(reportsOf.rows).toEqual([
      { status: 'QUESTIONABLE', at: '16:45' },
      { status: 'OUT', at: '20:45' },
    ]);

    for (const id of GAME_IDS.slice(13, 16)) up.status.set(id, { id: 3, text: 'Final' });
    clock.set('2018-10-19T09:00:00Z');
    const finals = await collectors().games.daily();
    expect(finals).toMatchObject({ errors: [], dates: ['2018-10-18', '2018-10-19', '2018-10-20'], boxScoresCollected: 3, doneThrough: '2018-10-18' });
    const final = await db.pool.query(`SELECT id FROM games WHERE game_date = '2018-10-18' AND status = 'FINAL' ORDER BY id`);
    expect(final.rows.map((r) => r.id)).toEqual(['0021800014', '0021800015', '0021800016']);
  });

  it('a restart mid-poll neither loses nor doubles a snapshot', async () => {
    up.events = oddsEvents(up, '2018-10-19', '2018-10-20T00:00:00Z');
    clock.set('2018-10-19T22:30:00Z');
    const before = up.requests('/v4/sports/basketball_nba/events/').length;
    // The game lines go through; the first event's props reach ingestion (committed) but the answer never comes back.
    let posts = 0;
    const killedRun = collectors();
    const orig = killedRun.state.markAnswered.bind(killedRun.state);
    killedRun.state.markAnswered = async (id, answer) => {
      await orig(id, answer);
      if (++posts === 1) proxy.mode = 'swallow';
    };
    const killed = await killedRun.odds.execute();
    expect(killed.stoppedBy).toMatch(/ingestion API unreachable, snapshots kept for the next run/);
    expect(killed.polled).toHaveLength(1);
    expect(proxy.swallowed).toBeGreaterThanOrEqual(1);
    const pending = await killedRun.state.pending('odds');
    expect(pending.map((s) => s.id)).toEqual([`odds:props:${killed.polled[0]}:2018-10-19T22:30:00.000Z`]);

    proxy.mode = 'pass';
    const restarted = await collectors().odds.execute();
    expect(restarted).toMatchObject({ errors: [], duplicates: 1 });
    expect(restarted.polled.sort()).toEqual(
      up.events
        .map((e) => e.id)
        .filter((id) => id !== killed.polled[0])
        .sort(),
    );
    expect(await collectors().state.pending('odds')).toEqual([]);

    // Each event's props were fetched once at 22:30 and stored once: one accepted batch per snapshot.
    const fetched = up
      .requests('/v4/sports/basketball_nba/events/')
      .slice(before)
      .filter((r) => r.status === 200)
      .map((r) => r.path.split('/')[5]);
    expect(fetched.sort()).toEqual(up.events.map((e) => e.id).sort());
    const batches = await db.pool.query(
      `SELECT s.id, count(b.id) FILTER (WHERE b.status IN ('ACCEPTED', 'PARTIAL'))::int AS stored FROM collector_snapshots s LEFT JOIN ingest_batches b ON b.sha256 = s.sha256
        WHERE s.captured_at >= '2018-10-19T22:30:00Z' AND s.captured_at < '2018-10-19T22:35:00Z' AND s.kind = 'PROPS' GROUP BY s.id ORDER BY s.id`,
    );
    expect(batches.rows).toHaveLength(4);
    expect(batches.rows.every((r) => r.stored === 1)).toBe(true);
    // (The killed run's retries waited 1 s and 2 s of simulated time: the restart captured at 22:30:03.)
    const lines = await db.pool.query(
      `SELECT count(DISTINCT game_id)::int AS games, count(DISTINCT captured_at)::int AS captures FROM prop_lines WHERE captured_at >= '2018-10-19T22:30:00Z' AND captured_at < '2018-10-19T22:35:00Z'`,
    );
    expect(lines.rows[0]).toEqual({ games: 4, captures: 2 });
  });

  it('keeps to the quota reserve, and a Retry-After longer than a run waits ends the run for the next one to resume', async () => {
    clock.set('2018-10-19T22:35:00Z');
    up.quotaRemaining = 28;
    const before = up.requests('/v4/sports/basketball_nba/events/').length;
    const starved = await collectors().odds.execute();
    expect(starved.stoppedBy).toBe('The Odds API quota: 26 request credits left, at or below the reserve ODDS_QUOTA_RESERVE=25; polling stops until the quota renews');
    expect(up.requests('/v4/sports/basketball_nba/events/').length).toBe(before);
    expect((await db.pool.query(`SELECT quota_remaining FROM collector_status WHERE collector = 'odds'`)).rows[0].quota_remaining).toBe(26);

    up.quotaRemaining = 500;
    up.inject('/v4/sports/basketball_nba/events', {}, { status: 429, headers: { 'retry-after': '3600' } });
    const limited = await collectors().odds.execute();
    expect(limited.stoppedBy).toMatch(/HTTP 429, asked to wait 3600 s \(more than this run waits\); the next run resumes/);
    expect(clock.slept).not.toContain(3_600_000);
    clock.advanceMinutes(5);
    const next = await collectors().odds.execute();
    expect(next.errors).toEqual([]);
    // 22:40: the three games tipping off within the hour are due (5-minute tier); ATL @ MEM at 00:00 (15-minute tier) is not.
    expect(next.polled.sort()).toEqual(['ev0021800017', 'ev0021800018', 'ev0021800019']);
  });

  it("exports each collector's last success, rows, errors, quota and pending snapshots as metrics", async () => {
    await new CollectorMetrics(new CollectorStateRepository(db.pool)).refresh();
    const text = await register.metrics();
    expect(text).toContain(`propcast_collector_last_success_timestamp_seconds{collector="odds"} ${Date.parse('2018-10-19T22:40:00Z') / 1000}`);
    expect(text).toMatch(/propcast_collector_quota_remaining\{collector="odds"\} \d+/);
    expect(text).toMatch(/propcast_collector_rows\{collector="games"\} [1-9]\d*/);
    expect(text).toMatch(/propcast_collector_errors\{collector="odds"\} [1-9]/);
    expect(text).toMatch(/propcast_collector_pending_snapshots\{collector="odds"\} 0/);
  });
});
