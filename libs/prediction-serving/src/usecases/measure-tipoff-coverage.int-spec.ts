import { createServingRepositories } from '../composition/serving-repositories';
import { register } from 'prom-client';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { MeasureTipoffCoverageUseCase } from './measure-tipoff-coverage.usecase';

const NOW = new Date('2025-01-10T23:50:00Z');
const sql = (d: Date): string => d.toISOString().replace('Z', '');
const minutes = (n: number): Date => new Date(NOW.getTime() + n * 60_000);

describe('MeasureTipoffCoverageUseCase', () => {
  let db: TestDatabase;
  let usecase: MeasureTipoffCoverageUseCase;

  beforeAll(async () => {
    db = await createTestDatabase();
    usecase = new MeasureTipoffCoverageUseCase(db.pool, createServingRepositories());
    await db.pool.query(`INSERT INTO teams (id, abbreviation, city, name, updated_at) VALUES (1, 'AAA', 'A', 'A', now()), (2, 'BBB', 'B', 'B', now()), (3, 'CCC', 'C', 'C', now())`);
    await db.pool.query(`INSERT INTO players (id, name, normalized_name, updated_at) SELECT i, 'P' || i, 'p' || i, now() FROM generate_series(1, 6) AS i`);
    // G1 tips off in 10 minutes, G2 in 3 hours, G3 tipped off 2 hours ago (FINAL).
    await db.pool.query(
      `INSERT INTO games (id, game_date, season, season_type, home_team_id, away_team_id, status, tipoff_at, updated_at) VALUES
       ('G1', '2025-01-10', '2024-25', 'REGULAR', 1, 2, 'SCHEDULED', $1, now()),
       ('G2', '2025-01-11', '2024-25', 'REGULAR', 2, 3, 'SCHEDULED', $2, now()),
       ('G3', '2025-01-10', '2024-25', 'REGULAR', 3, 1, 'FINAL', $3, now())`,
      [sql(minutes(10)), sql(minutes(180)), sql(minutes(-120))],
    );
  });
  afterAll(() => db.drop());

  async function line(playerId: number, gameId: string, gameDate: string, stat: string, book: string): Promise<void> {
    await db.pool.query(
      `INSERT INTO prop_lines (player_id, game_id, game_date, stat, line, over_price, under_price, book, captured_at, batch_id)
       VALUES ($1, $2, $3, $4::"StatType", 10.5, -110, -110, $5, $6, 'seed')`,
      [playerId, gameId, gameDate, stat, book, sql(minutes(-60))],
    );
  }
  async function predict(playerId: number, gameId: string, gameDate: string, stat: string, role = 'PRIMARY'): Promise<void> {
    await db.pool.query(
      `INSERT INTO predictions (batch_id, player_id, game_id, game_date, stat, model_id, model_version, role, book, predicted_mean, flags)
       VALUES ('b1', $1, $2, $3, $4::"StatType", 'm', 1, $5::"ModelRole", '', 10, '{}')`,
      [playerId, gameId, gameDate, stat, role],
    );
  }
  const metric = async (name: string): Promise<{ labels: Record<string, string | number>; value: number }[]> =>
    (await register.getSingleMetric(name)?.get())?.values.map((v) => ({ labels: v.labels as Record<string, string | number>, value: v.value })) ?? [];

  it('without lines in the window: no coverage series (the alert stays quiet), the next tip-off still known', async () => {
    await line(5, 'G2', '2025-01-11', 'POINTS', 'fanduel');
    const c = await usecase.execute(NOW, 30);
    expect(c).toEqual({ nextTipoffAt: minutes(10), games: 1, byStat: {} });
    expect(await metric('propcast_prediction_coverage_at_tipoff_ratio')).toEqual([]);
    expect(await metric('propcast_next_tipoff_timestamp_seconds')).toEqual([{ labels: {}, value: minutes(10).getTime() / 1000 }]);
  });

  it('counts each player, game and stat with a line once (books and snapshots alike) and only primary predictions', async () => {
    for (const p of [1, 2, 3, 4]) await line(p, 'G1', '2025-01-10', 'POINTS', 'fanduel');
    await line(1, 'G1', '2025-01-10', 'POINTS', 'draftkings');
    await line(1, 'G1', '2025-01-10', 'THREES', 'fanduel');
    await line(6, 'G3', '2025-01-10', 'POINTS', 'fanduel'); // already played: not in the window
    await predict(1, 'G1', '2025-01-10', 'POINTS');
    await predict(2, 'G1', '2025-01-10', 'POINTS');
    await predict(3, 'G1', '2025-01-10', 'POINTS', 'SHADOW'); // a shadow model's number is not what users see
    await predict(1, 'G1', '2025-01-10', 'THREES');
    await predict(6, 'G3', '2025-01-10', 'POINTS');

    const c = await usecase.execute(NOW, 30);
    expect(c.games).toBe(1);
    expect(c.byStat).toEqual({
      POINTS: { props: 4, predicted: 2, ratio: 0.5 },
      THREES: { props: 1, predicted: 1, ratio: 1 },
      ALL: { props: 5, predicted: 3, ratio: 0.6 },
    });
    expect(await metric('propcast_prediction_coverage_at_tipoff_ratio')).toEqual(
      expect.arrayContaining([
        { labels: { stat: 'ALL' }, value: 0.6 },
        { labels: { stat: 'POINTS' }, value: 0.5 },
        { labels: { stat: 'THREES' }, value: 1 },
      ]),
    );
    expect(await metric('propcast_tipoff_window_props')).toEqual(expect.arrayContaining([{ labels: { stat: 'ALL' }, value: 5 }]));
  });

  it('widens with the window, and forgets games once they tipped off', async () => {
    expect((await usecase.execute(NOW, 240)).byStat.ALL).toEqual({ props: 6, predicted: 3, ratio: 0.5 });
    const later = await usecase.execute(minutes(20), 30);
    expect(later).toEqual({ nextTipoffAt: minutes(180), games: 0, byStat: {} });
    expect(await metric('propcast_prediction_coverage_at_tipoff_ratio')).toEqual([]);
    await db.pool.query(`UPDATE games SET status = 'FINAL'`);
    expect((await usecase.execute(NOW, 30)).nextTipoffAt).toBeNull();
    expect(await metric('propcast_next_tipoff_timestamp_seconds')).toEqual([{ labels: {}, value: 0 }]);
  });
});
