import { GameDate } from '@propcast/common';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { seedSyntheticLeague, SYNTHETIC_LEAGUE } from '../testing';
import { formatBacktestTable, renderBacktestHtml } from './backtest-report';
import { RunBacktestUseCase, type BacktestProp, type BacktestRequest } from './run-backtest.usecase';
import { decideBet, parseStrategy } from './strategies';
import { createGradingRepositories } from '../composition/grading-repositories';

const { featureSetId: SET, start: START, players: PLAYERS } = SYNTHETIC_LEAGUE;
const dayOf = (i: number) => GameDate.addDays(START, i);

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
    await seedSyntheticLeague(db.pool);
  });

  afterAll(async () => {
    await db?.drop();
  });

  async function run(): Promise<{ report: Awaited<ReturnType<RunBacktestUseCase['execute']>>; props: BacktestProp[] }> {
    const props: BacktestProp[] = [];
    const report = await new RunBacktestUseCase(createGradingRepositories(db.pool)).execute(REQUEST, { onDay: (d) => props.push(...d.props) });
    return { report, props };
  }

  let first: Awaited<ReturnType<typeof run>>;

  it('replays every day with models and lines from before it', async () => {
    first = await run();
    const { report, props } = first;
    expect(report.days).toBe(50);
    expect(report.models.map((m) => m.trainedOn)).toEqual([40, 50, 60, 70, 80].map(dayOf));
    for (const m of report.models) expect(m.trainTo).toBe(GameDate.addDays(m.trainedOn, -1));
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
    // strategies bet real-priced props only
    const evBets = props.filter((p) => p.lineSource === 'real' && decideBet(parseStrategy('ev/flat'), p) !== null);
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
    expect(table.split('\n')[0]).toContain(`on feature set ${SET}:`);
    expect(table).toContain('edge:0.02/flat');
    expect(table).toContain('Combination vs market on exactly the props a fitted combination priced');
    const html = renderBacktestHtml(report);
    expect(html).toContain('<svg');
    expect(html).toContain('Reliability of P(over | no push)');
    expect(html).toContain('PROXY lines');
    expect(html).toContain(`Feature set ${SET}.`);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('poisoning a day changes nothing decided before that day is known', async () => {
    await db.pool.query(`UPDATE player_game_stats SET pts = pts + 25 WHERE game_date = $1`, [dayOf(60)]);
    const second = await run();
    const key = (p: BacktestProp) => `${p.date}:${p.playerId}`;
    const before = new Map(first.props.map((p) => [key(p), p]));
    for (const p of second.props) {
      const q = before.get(key(p))!;
      // the model retrains on day 70: means before it are untouched
      if (p.date < dayOf(70)) expect([p.predicted, p.line]).toEqual([q.predicted, q.line]);
      // the market layer (family choice, combiner) refits before every day on props graded earlier: day 60's
      // outcomes may move probabilities from day 61 on, never on day 60 or before
      if (p.date <= dayOf(60)) {
        expect([p.pOver, p.pUnder]).toEqual([q.pOver, q.pUnder]);
        for (const s of REQUEST.strategies!) expect(decideBet(parseStrategy(s), p)).toEqual(decideBet(parseStrategy(s), q));
      }
      if (p.date < dayOf(70) && p.date !== dayOf(60)) expect(p.outcome).toBe(q.outcome);
    }
    expect(second.props.some((p) => p.date >= dayOf(70) && p.predicted !== before.get(key(p))!.predicted)).toBe(true);
  });
});
