import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { impliedProbabilityFromAmericanOdds, removeVig } from '@propcast/prediction';
import { insertBoxScores, insertGame, insertPredictions, insertTeamsAndPlayers } from '../testing';
import { GradeDateUseCase } from './grade-date.usecase';
import { createGradingRepositories } from '../composition/grading-repositories';

const DATE = '2025-01-10';
const TIPOFF = new Date('2025-01-11T00:30:00Z');

let db: TestDatabase;
let ids: string[];

beforeAll(async () => {
  db = await createTestDatabase();
  await insertTeamsAndPlayers(db.pool, [201, 202, 203, 204]);
  await insertGame(db.pool, 'G1', DATE, 'FINAL', 'REGULAR', TIPOFF);
  await insertBoxScores(
    db.pool,
    [201, 202, 203, 204].map((playerId) => ({ playerId, gameId: 'G1', gameDate: DATE, pts: 20 })),
  );
  const base = { gameDate: DATE, stat: 'POINTS', modelId: 'points-v1', modelVersion: 1, gameId: 'G1', book: 'bk', predictedMean: 21 };
  ids = await insertPredictions(db.pool, [
    { ...base, playerId: 201, line: 22.5, overPrice: -110, underPrice: -110, overProbability: 0.6, recommendation: 'OVER' },
    { ...base, playerId: 202, line: 18, overPrice: -105, underPrice: -115, overProbability: 0.4, recommendation: 'UNDER' },
    { ...base, playerId: 203, line: 19.5, overPrice: -110, underPrice: -110, overProbability: 0.5, recommendation: 'PASS' },
    { ...base, playerId: 204, line: 30.5, overPrice: -110, underPrice: -110, overProbability: 0.2, recommendation: 'UNDER' },
  ]);
  const line = (playerId: number, value: number, over: number, under: number, at: string, isMain = true) =>
    db.pool.query(
      `INSERT INTO prop_lines (player_id, game_id, game_date, stat, line, over_price, under_price, book, captured_at, batch_id, is_main)
       VALUES ($1, 'G1', $2::date, 'POINTS', $3, $4, $5, 'bk', $6::timestamptz AT TIME ZONE 'UTC', 'b', $7)`,
      [playerId, DATE, value, over, under, at, isMain],
    );
  // 201: the called line, a move to 23.5 before tip-off, an alternate line and a line after tip-off (neither counts).
  await line(201, 22.5, -110, -110, '2025-01-10T15:00:00Z');
  await line(201, 23.5, -110, -110, '2025-01-10T23:00:00Z');
  await line(201, 27.5, 150, -190, '2025-01-10T23:30:00Z', false);
  await line(201, 25.5, -110, -110, '2025-01-11T00:40:00Z');
  // 202: the line stays, the under's price shortens.
  await line(202, 18, -105, -115, '2025-01-10T15:00:00Z');
  await line(202, 18, 110, -130, '2025-01-10T23:55:00Z');
  await line(203, 21.5, -110, -110, '2025-01-10T23:00:00Z');
});

afterAll(async () => {
  await db?.drop();
});

it('grading stores the closing line (last main snapshot of the same book before tip-off) and the CLV of each called side', async () => {
  await new GradeDateUseCase(db.pool, createGradingRepositories(db.pool)).execute(DATE);
  const rows = new Map((await db.pool.query('SELECT * FROM grades')).rows.map((g) => [g.prediction_id, g]));
  expect(rows.get(ids[0])).toMatchObject({ closing_line: 23.5, closing_over_price: -110, clv_line: 1, clv_price: null });
  expect(rows.get(ids[0]).closing_captured_at.toISOString()).toBe('2025-01-10T23:00:00.000Z');
  const under = rows.get(ids[1]);
  expect(under).toMatchObject({ closing_line: 18, closing_over_price: 110, closing_under_price: -130, clv_line: 0 });
  expect(under.clv_price).toBeCloseTo(removeVig(110, -130).under / impliedProbabilityFromAmericanOdds(-115) - 1, 12);
  expect(under.clv_price).toBeGreaterThan(0);
  // A PASS called nothing; a called side without any snapshot of its book has no close.
  expect(rows.get(ids[2])).toMatchObject({ closing_line: null, clv_line: null });
  expect(rows.get(ids[3])).toMatchObject({ closing_line: null, clv_line: null, clv_price: null, result: 'WIN' });

  // Regrading leaves the rows as they are.
  const before = (await db.pool.query('SELECT xmin::text FROM grades ORDER BY id')).rows;
  await new GradeDateUseCase(db.pool, createGradingRepositories(db.pool)).execute(DATE);
  expect((await db.pool.query('SELECT xmin::text FROM grades ORDER BY id')).rows).toEqual(before);
});
