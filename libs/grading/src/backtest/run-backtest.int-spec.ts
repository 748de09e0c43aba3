import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { encodeFeatureValues } from '@propcast/features';
import { addDays } from '../shared/dates';
import { insertTeamsAndPlayers } from '../testing';
import { formatBacktestTable, renderBacktestHtml } from './backtest-report';
import { RunBacktestUseCase, type BacktestProp, type BacktestRequest } from './run-backtest.usecase';
import { decideBet, parseStrategy } from './strategies';

const SET = 'bt@v1';
const START = '2023-10-01';
const DAYS = 90;
const PLAYERS = 30;
const dayOf = (i: number) => addDays(START, i);

/** Deterministic pseudo-random numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
}

/** Appends one row to column arrays (for unnest inserts). */
function push(columns: unknown[][], row: readonly unknown[]): void {
  row.forEach((v, i) => columns[i].push(v));
}

const REQUEST: BacktestRequest = {
  from: dayOf(40),
  to: dayOf(89),
  stats: 'POINTS',
  strategies: ['ev/flat', 'ev/kelly', 'edge:0.02/flat', 'confidence:0.1/kelly'],
  retrainEveryDays: 10,
  trainWindowDays: 60,
  minTrainRows: 200,
  featureSetId: SET,
  model: { params: { nthread: 1 }, rounds: 20, calibrationShare: 0.3, probability: { residual: { minRowsPerBucket: 50 }, calibration: { minBlockSize: 30 } } },
};

describe('RunBacktestUseCase (walk-forward)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    const ids = Array.from({ length: PLAYERS }, (_, i) => 500 + i);
    await insertTeamsAndPlayers(db.pool, ids);
    await db.pool.query(`INSERT INTO feature_sets (id, name, version, feature_names, definition_hash) VALUES ($1, 'bt', 1, '{points_season_avg,points_avg_last3,noise}', 'h')`, [SET]);
    const random = rng(42);
    const games: unknown[][] = [[], [], []];
    const stats: unknown[][] = [[], [], [], [], [], []];
    const features: unknown[][] = [[], [], [], [], []];
    const lines: unknown[][] = [[], [], [], [], [], [], [], []];
    for (let d = 0; d < DAYS; d++) {
      const date = dayOf(d);
      const gameId = `00223${String(d).padStart(5, '0')}`;
      games[0].push(gameId);
      games[1].push(date);
      games[2].push(`${date}T19:00:00Z`);
      ids.forEach((playerId, i) => {
        const skill = 6 + i * 0.6;
        const dnp = i === 0 && d % 10 === 3;
        const pts = dnp ? null : Math.max(0, Math.round(skill + (random() - 0.5) * 10));
        push(stats, [playerId, gameId, date, i % 2 === 0 ? 1 : 2, dnp, pts]);
        const avg = skill + (random() - 0.5) * 2;
        push(features, [playerId, gameId, date, `${date}T12:00:00Z`, encodeFeatureValues(Float32Array.of(avg, skill + (random() - 0.5) * 6, random()))]);
        if (i < 10) {
          const line = Math.floor(skill) + 0.5;
          const snapshots: [string, number, number, number, string][] = [
            ['A', line, -110, -110, `${date}T10:00:00Z`],
            ['B', line, -120, -120, `${date}T10:00:00Z`],
            ['A', line + 1, -115, -105, `${date}T15:00:00Z`], // after the cutoff: closing line only
            ['A', 99.5, 500, -900, `${date}T21:00:00Z`], // after tip-off: must never be used
          ];
          for (const [book, l, over, under, at] of snapshots) {
            push(lines, [playerId, gameId, date, l, over, under, book, at]);
          }
        }
      });
    }
    await db.pool.query(
      `INSERT INTO games (id, game_date, season, season_type, home_team_id, away_team_id, status, tipoff_at, updated_at)
       SELECT id, d, '2023-24', 'REGULAR', 1, 2, 'FINAL', t, now() FROM unnest($1::text[], $2::date[], $3::timestamptz[]) AS x(id, d, t)`,
      games,
    );
    await db.pool.query(
      `INSERT INTO player_game_stats (player_id, game_id, game_date, team_id, opponent_team_id, is_home, dnp, minutes, pts, reb, ast, fg3m, batch_id, updated_at)
       SELECT p, g, d, t, 3 - t, t = 1, dnp, CASE WHEN dnp THEN 0 ELSE 30 END, pts, 5, 3, 1, 'test', now()
         FROM unnest($1::int[], $2::text[], $3::date[], $4::int[], $5::bool[], $6::int[]) AS x(p, g, d, t, dnp, pts)`,
      stats,
    );
    await db.pool.query(
      `INSERT INTO feature_rows (feature_set_id, player_id, game_id, game_date, team_id, opponent_team_id, cutoff_at, "values")
       SELECT '${SET}', p, g, d, 1, 2, c, v FROM unnest($1::int[], $2::text[], $3::date[], $4::timestamptz[], $5::bytea[]) AS x(p, g, d, c, v)`,
      features,
    );
    await db.pool.query(
      `INSERT INTO prop_lines (player_id, game_id, game_date, stat, line, over_price, under_price, book, captured_at, batch_id)
       SELECT p, g, d, 'POINTS', l, o, u, b, c, 'test' FROM unnest($1::int[], $2::text[], $3::date[], $4::float8[], $5::int[], $6::int[], $7::text[], $8::timestamptz[]) AS x(p, g, d, l, o, u, b, c)`,
      lines,
    );
  });

  afterAll(async () => {
    await db?.drop();
  });

  async function run(): Promise<{ report: Awaited<ReturnType<RunBacktestUseCase['execute']>>; props: BacktestProp[] }> {
    const props: BacktestProp[] = [];
    const report = await new RunBacktestUseCase(db.pool).execute(REQUEST, { onDay: (d) => props.push(...d.props) });
    return { report, props };
  }

  let first: Awaited<ReturnType<typeof run>>;

  it('replays every day with models and lines from before it', async () => {
    first = await run();
    const { report, props } = first;
    expect(report.days).toBe(50);
    expect(report.models.map((m) => m.trainedOn)).toEqual([40, 50, 60, 70, 80].map(dayOf));
    for (const m of report.models) expect(m.trainTo).toBe(addDays(m.trainedOn, -1));
    expect(report.models[0].trainFrom).toBe(dayOf(0));
    expect(report.models[4].trainFrom).toBe(dayOf(20));
    expect(props.length).toBe(50 * PLAYERS);
    for (const p of props) {
      expect(p.model.trainTo < p.date).toBe(true);
      if (p.snapshot) {
        expect(p.snapshot.capturedAt.getTime()).toBeLessThan(p.cutoffAt.getTime());
        expect(p.snapshot).toMatchObject({ book: 'A', overPrice: -110, underPrice: -110 });
        expect(p.closing).toMatchObject({ book: 'A', capturedAt: new Date(`${p.date}T15:00:00Z`) });
      }
      expect(p.line).not.toBe(99.5);
    }
    expect(report.leakage).toEqual({ modelFromFuture: 0, lineAfterCutoff: 0 });
    expect(report.props).toMatchObject({ props: 1500, real: 500, proxy: 1000, noModel: 0, noLine: 0 });
    // player 500 did not play on days 43, 53, ...: his props are void
    expect(props.filter((p) => p.playerId === 500 && p.outcome === 'VOID').map((p) => p.date)).toEqual([43, 53, 63, 73, 83].map(dayOf));
  });

  it('reports each strategy with proxy lines stated, market scoring on real prices, and CLV', async () => {
    const { report, props } = first;
    expect(report.proxy?.share).toBeCloseTo(2 / 3, 12);
    expect(report.proxy?.note).toMatch(/66\.7% of props \(1000 of 1500\).*PROXY lines/);
    const ev = report.strategies.find((s) => s.strategy.name === 'ev/flat')!;
    const evBets = props.filter((p) => decideBet(parseStrategy('ev/flat'), p) !== null);
    expect(ev.bets + ev.voids).toBe(evBets.length);
    expect(ev.wins + ev.losses + ev.pushes).toBe(ev.bets);
    expect(ev.staked).toBeCloseTo(ev.bets + ev.voids, 9);
    expect(ev.finalBankroll).toBeCloseTo(100 + ev.profit, 9);
    expect(ev.curve).toHaveLength(50);
    expect(ev.realPriced.breakEvenRate).toBeCloseTo(110 / 210, 9);
    // the closing line is one point higher: overs beat it, unders did not
    const realEv = evBets.filter((p) => p.snapshot && p.outcome !== 'VOID');
    expect(ev.clv.bets).toBe(realEv.length);
    const overs = realEv.filter((p) => decideBet(parseStrategy('ev/flat'), p)!.side === 'OVER').length;
    expect(ev.clv.meanLineClv).toBeCloseTo((overs - (realEv.length - overs)) / realEv.length, 9);
    expect(report.market?.props).toBe(props.filter((p) => p.snapshot && (p.outcome === 'OVER' || p.outcome === 'UNDER')).length);
    expect(report.market?.market.brier).toBeGreaterThan(0);
    expect(report.reliability.all.reduce((n, b) => n + b.count, 0)).toBe(props.filter((p) => p.outcome === 'OVER' || p.outcome === 'UNDER').length);

    const table = formatBacktestTable(report);
    expect(table).toContain('NOTE: 66.7% of props');
    expect(table).toContain('edge:0.02/flat');
    const html = renderBacktestHtml(report);
    expect(html).toContain('<svg');
    expect(html).toContain('Reliability of P(over | no push)');
    expect(html).toContain('PROXY lines');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('poisoning a day changes nothing decided before that day is known', async () => {
    await db.pool.query(`UPDATE player_game_stats SET pts = pts + 25 WHERE game_date = $1`, [dayOf(60)]);
    const second = await run();
    const key = (p: BacktestProp) => `${p.date}:${p.playerId}`;
    const before = new Map(first.props.map((p) => [key(p), p]));
    for (const p of second.props) {
      const q = before.get(key(p))!;
      if (p.date < dayOf(70)) {
        expect([p.predicted, p.line, p.pOver, p.pUnder]).toEqual([q.predicted, q.line, q.pOver, q.pUnder]);
        for (const s of REQUEST.strategies!) expect(decideBet(parseStrategy(s), p)).toEqual(decideBet(parseStrategy(s), q));
        if (p.date !== dayOf(60)) expect(p.outcome).toBe(q.outcome);
      }
    }
    expect(second.props.some((p) => p.date >= dayOf(70) && p.predicted !== before.get(key(p))!.predicted)).toBe(true);
  });
});
