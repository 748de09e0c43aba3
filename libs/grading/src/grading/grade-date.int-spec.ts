import { createGradingRepositories } from '../composition/grading-repositories';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { register } from 'prom-client';
import { insertBoxScores, insertGame, insertPredictions, insertTeamsAndPlayers } from '../testing';
import { RefreshGradingMetricsUseCase } from '../monitoring/refresh-grading-metrics.usecase';
import { GradeDateUseCase } from './grade-date.usecase';
import { ListGradesUseCase } from './list-grades.usecase';

const DATE = '2024-01-10';
const M = 'points-v3';

describe('GradeDateUseCase on a hand-checked day', () => {
  let db: TestDatabase;
  let ids: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await insertTeamsAndPlayers(db.pool, [101, 102, 103, 104, 105]);
    await insertGame(db.pool, 'G1', DATE, 'FINAL');
    await insertGame(db.pool, 'G2', DATE, 'SCHEDULED');
    await insertBoxScores(db.pool, [
      { playerId: 101, gameId: 'G1', gameDate: DATE, pts: 25, reb: 8 },
      { playerId: 102, gameId: 'G1', gameDate: DATE, pts: 10 },
      { playerId: 103, gameId: 'G1', gameDate: DATE, pts: 18 },
      { playerId: 104, gameId: 'G1', gameDate: DATE, dnp: true },
    ]);
    const base = { gameDate: DATE, stat: 'POINTS', modelId: M, modelVersion: 3, gameId: 'G1' };
    ids = await insertPredictions(db.pool, [
      // P1 over 22.5 at -110, actual 25: WIN, +100/110
      { ...base, playerId: 101, book: 'bk', predictedMean: 22, line: 22.5, overPrice: -110, underPrice: -110, overProbability: 0.6, marketOverProbability: 0.5, recommendation: 'OVER' },
      // P2 over 12.5 at +120, actual 10: LOSS, -1
      { ...base, playerId: 102, book: 'bk', predictedMean: 14, line: 12.5, overPrice: 120, underPrice: -140, overProbability: 0.7, marketOverProbability: 0.45, recommendation: 'OVER' },
      // P3 under 18 at -115, actual 18: PUSH, 0
      { ...base, playerId: 103, book: 'bk', predictedMean: 16, line: 18, overPrice: -105, underPrice: -115, overProbability: 0.4, recommendation: 'UNDER' },
      // P4 DNP: VOID
      { ...base, playerId: 104, book: 'bk', predictedMean: 8, line: 7.5, overPrice: -110, underPrice: -110, overProbability: 0.55, recommendation: 'OVER' },
      // P5 pass at 23.5, actual 25: OVER, NO_BET
      { ...base, playerId: 101, book: 'bk2', predictedMean: 22, line: 23.5, overPrice: 100, underPrice: -120, overProbability: 0.5, recommendation: 'PASS' },
      // P6 under 19.5 at +110, actual 18: WIN, +1.1
      { ...base, playerId: 103, book: 'bk2', predictedMean: 16, line: 19.5, overPrice: -130, underPrice: 110, overProbability: 0.35, marketOverProbability: 0.55, recommendation: 'UNDER' },
      // P7 no line: only the error counts
      { ...base, playerId: 102, book: '', predictedMean: 14 },
      // P8 rebounds under a proxy 5.5 at -110, actual 8: LOSS (a proxy line's price is no market)
      {
        ...base,
        stat: 'REBOUNDS',
        modelId: 'rebounds-v1',
        modelVersion: 1,
        playerId: 101,
        book: 'PROXY',
        predictedMean: 6,
        line: 5.5,
        overPrice: -110,
        underPrice: -110,
        overProbability: 0.45,
        marketOverProbability: 0.5,
        recommendation: 'UNDER',
      },
      // P9 game without a box score yet: pending
      { ...base, gameId: 'G2', playerId: 105, book: 'bk', predictedMean: 9, line: 8.5, overPrice: -110, underPrice: -110, overProbability: 0.5, recommendation: 'OVER' },
    ]);
  });

  afterAll(async () => {
    await db?.drop();
  });

  async function gradeRows() {
    return (await db.pool.query('SELECT * FROM grades ORDER BY prediction_id')).rows;
  }
  async function summaryRows() {
    return (await db.pool.query('SELECT * FROM grade_summaries ORDER BY model_id, stat, game_date')).rows;
  }

  it('grades every prediction by hand-checked rules', async () => {
    const result = await new GradeDateUseCase(db.pool, createGradingRepositories(db.pool)).execute(DATE);
    expect(result).toMatchObject({ gameDate: DATE, predictions: 9, graded: 8, pending: 1, changed: 8 });
    const byId = new Map((await gradeRows()).map((g) => [g.prediction_id, g]));
    const g = (i: number) => byId.get(ids[i]);
    expect(g(0)).toMatchObject({ actual: 25, error: -3, outcome: 'OVER', result: 'WIN' });
    expect(g(0).profit).toBeCloseTo(100 / 110, 12);
    expect(g(1)).toMatchObject({ actual: 10, error: 4, outcome: 'UNDER', result: 'LOSS', profit: -1 });
    expect(g(2)).toMatchObject({ actual: 18, error: -2, outcome: 'PUSH', result: 'PUSH', profit: 0 });
    expect(g(3)).toMatchObject({ actual: null, error: null, outcome: 'VOID', result: 'VOID', profit: 0 });
    expect(g(4)).toMatchObject({ actual: 25, outcome: 'OVER', result: 'NO_BET', profit: 0 });
    expect(g(5)).toMatchObject({ actual: 18, outcome: 'UNDER', result: 'WIN' });
    expect(g(5).profit).toBeCloseTo(1.1, 12);
    expect(g(6)).toMatchObject({ actual: 10, error: 4, outcome: null, result: 'NO_BET', profit: 0 });
    expect(g(7)).toMatchObject({ actual: 8, error: -2, outcome: 'OVER', result: 'LOSS', profit: -1 });
    expect(g(8)).toBeUndefined();
  });

  it('stores per-model summaries computed by hand', async () => {
    const [points, rebounds] = await summaryRows();
    // player-games 101, 102, 103, 104 (DNP); MAE over the three played: (3 + 4 + 2) / 3
    expect(points).toMatchObject({ model_id: M, stat: 'POINTS', game_date: DATE, n: 4, mae: 3, coverage: 0.75, bets: 4 });
    // bets WIN, LOSS, PUSH, WIN: hit rate 2/3, ROI (0.9091 - 1 + 0 + 1.1) / 4
    expect(points.hit_rate).toBeCloseTo(2 / 3, 12);
    expect(points.roi).toBeCloseTo((100 / 110 - 1 + 0 + 1.1) / 4, 12);
    // calibration rows (push and void left out): 0.6→1, 0.7→0, 0.5→1, 0.35→0
    expect(points.brier).toBeCloseTo((0.4 ** 2 + 0.7 ** 2 + 0.5 ** 2 + 0.35 ** 2) / 4, 12);
    expect(points.ece).toBeCloseTo((0.4 + 0.7 + 0.5 + 0.35) / 4, 12);
    expect(rebounds).toMatchObject({ model_id: 'rebounds-v1', stat: 'REBOUNDS', n: 1, mae: 2, hit_rate: 0, bets: 1, roi: -1, coverage: 1 });
    expect(rebounds.brier).toBeCloseTo(0.55 ** 2, 12);
    // the model against the market on the real-priced rows that ended over or under: P1 (→1), P2 (→0), P6 (→0);
    // P5 has no market price, P3 pushed, P4 is void, P8 is a proxy line.
    expect(points.real_props).toBe(3);
    expect(points.brier_real).toBeCloseTo((0.4 ** 2 + 0.7 ** 2 + 0.35 ** 2) / 3, 12);
    expect(points.market_brier).toBeCloseTo((0.5 ** 2 + 0.45 ** 2 + 0.55 ** 2) / 3, 12);
    expect(rebounds).toMatchObject({ real_props: 0, brier_real: null, market_brier: null });
  });

  it('counts new grades, and exports rolling graded performance per stat and model version', async () => {
    await new RefreshGradingMetricsUseCase(createGradingRepositories(db.pool)).execute();
    const text = await register.metrics();
    expect(text).toMatch(/^propcast_grades_total\{stat="POINTS",result="WIN"\} 2$/m);
    expect(text).toMatch(/^propcast_grades_total\{stat="POINTS",result="VOID"\} 1$/m);
    expect(text).toMatch(/^propcast_graded_mae\{stat="POINTS",model_version="3"\} 3$/m);
    expect(text).toMatch(/^propcast_graded_hit_rate\{stat="REBOUNDS",model_version="1"\} 0$/m);
    expect(text).toMatch(/^propcast_graded_predictions\{stat="POINTS",model_version="3"\} 3$/m);
    expect(text).toMatch(/^propcast_graded_real_props\{stat="POINTS",model_version="3"\} 3$/m);
    expect(text).toMatch(/^propcast_graded_market_brier\{stat="POINTS",model_version="3"\} 0\.25166666666666\d*$/m);
    expect(text).not.toMatch(/^propcast_graded_brier_real\{stat="REBOUNDS"/m);
    expect(text).toMatch(new RegExp(`^propcast_grading_last_graded_date_timestamp_seconds ${Date.parse(`${DATE}T00:00:00Z`) / 1000}$`, 'm'));
  });

  it('regrading twice leaves every row identical', async () => {
    const [grades, summaries] = [await gradeRows(), await summaryRows()];
    const again = await new GradeDateUseCase(db.pool, createGradingRepositories(db.pool)).execute(DATE);
    const third = await new GradeDateUseCase(db.pool, createGradingRepositories(db.pool)).execute(DATE);
    expect(again.changed).toBe(0);
    expect(third.changed).toBe(0);
    expect(await gradeRows()).toEqual(grades);
    expect(await summaryRows()).toEqual(summaries);
    expect(await register.metrics()).toMatch(/^propcast_grades_total\{stat="POINTS",result="WIN"\} 2$/m);
  });

  it('a corrected stat changes exactly the affected grades', async () => {
    const before = new Map((await gradeRows()).map((g) => [g.prediction_id, g]));
    await db.pool.query(`UPDATE player_game_stats SET pts = 13, revision = revision + 1 WHERE player_id = 102 AND game_id = 'G1'`);
    const result = await new GradeDateUseCase(db.pool, createGradingRepositories(db.pool)).execute(DATE);
    expect(result.changed).toBe(2);
    const after = new Map((await gradeRows()).map((g) => [g.prediction_id, g]));
    const changed = [...after.keys()].filter((id) => JSON.stringify(after.get(id)) !== JSON.stringify(before.get(id)));
    expect(changed.sort()).toEqual([ids[1], ids[6]].sort());
    expect(after.get(ids[1])).toMatchObject({ actual: 13, error: 1, outcome: 'OVER', result: 'WIN' });
    expect(after.get(ids[1]).profit).toBeCloseTo(1.2, 12);
    expect(after.get(ids[6])).toMatchObject({ actual: 13, error: 1 });
    const [points] = await summaryRows();
    expect(points.mae).toBeCloseTo((3 + 1 + 2) / 3, 12);
    expect(points.roi).toBeCloseTo((100 / 110 + 1.2 + 0 + 1.1) / 4, 12);
  });

  it('grades a pending game once its box score arrives, and later restarts supersede earlier batches in summaries', async () => {
    await insertBoxScores(db.pool, [{ playerId: 105, gameId: 'G2', gameDate: DATE, pts: 12, teamId: 2, opponentTeamId: 1 }]);
    await insertPredictions(db.pool, [
      {
        batchId: 'batch-2',
        playerId: 105,
        gameId: 'G2',
        gameDate: DATE,
        stat: 'POINTS',
        modelId: M,
        modelVersion: 3,
        book: 'bk',
        predictedMean: 11,
        line: 8.5,
        overPrice: -110,
        underPrice: -110,
        overProbability: 0.5,
        recommendation: 'PASS',
      },
    ]);
    await db.pool.query(`INSERT INTO prediction_batches (id, game_date, attempt, trigger) VALUES ('batch-1', $1, 0, 'manual'), ('batch-2', $1, 1, 'manual')`, [DATE]);
    const result = await new GradeDateUseCase(db.pool, createGradingRepositories(db.pool)).execute(DATE);
    expect(result).toMatchObject({ predictions: 10, graded: 10, pending: 0 });
    const report = await new ListGradesUseCase(createGradingRepositories(db.pool)).execute({ from: DATE, to: DATE, stat: 'points' });
    // 105 counts once, with batch-2's mean 11 (error 1) and its PASS (no bet)
    expect(report.days).toHaveLength(1);
    expect(report.days[0]).toMatchObject({ n: 5, bets: 4, coverage: 0.8 });
    expect(report.days[0].mae).toBeCloseTo((3 + 1 + 2 + 1) / 4, 12);
    expect(report.totals).toEqual([expect.objectContaining({ modelId: M, modelVersion: 3, stat: 'POINTS', n: 5, bets: 4 })]);
  });
});
