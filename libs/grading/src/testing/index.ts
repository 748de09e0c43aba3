// Test fixtures of @propcast/grading (`@propcast/grading/testing`): teams, players, games, box scores and predictions rows.
import type { Pool } from 'pg';

/** A box-score row for tests; unknown counts default to 0, minutes to 30 (0 for DNP). */
export interface BoxFixture {
  playerId: number;
  gameId: string;
  gameDate: string;
  teamId?: number;
  opponentTeamId?: number;
  dnp?: boolean;
  minutes?: number;
  pts?: number | null;
  reb?: number | null;
  ast?: number | null;
  fg3m?: number | null;
}

/** A prediction row for tests. */
export interface PredictionFixture {
  batchId?: string;
  playerId: number;
  gameId: string;
  gameDate: string;
  stat: string;
  modelId: string;
  modelVersion: number;
  book?: string;
  predictedMean: number;
  line?: number | null;
  overPrice?: number | null;
  underPrice?: number | null;
  overProbability?: number | null;
  recommendation?: 'OVER' | 'UNDER' | 'PASS';
}

/** Inserts teams 1 and 2 and the given players (ids) once. */
export async function insertTeamsAndPlayers(pool: Pool, playerIds: readonly number[]): Promise<void> {
  await pool.query(
    `INSERT INTO teams (id, abbreviation, city, name, updated_at) VALUES (1, 'AAA', 'A', 'Aces', now()), (2, 'BBB', 'B', 'Bees', now())
     ON CONFLICT DO NOTHING`,
  );
  await pool.query(
    `INSERT INTO players (id, name, normalized_name, updated_at) SELECT id, 'p' || id, 'p' || id, now() FROM unnest($1::int[]) AS id ON CONFLICT DO NOTHING`,
    [playerIds],
  );
}

/** Inserts a game between teams 1 (home) and 2. */
export async function insertGame(pool: Pool, id: string, gameDate: string, status: 'SCHEDULED' | 'FINAL', seasonType = 'REGULAR', tipoffAt: Date | null = null): Promise<void> {
  await pool.query(
    `INSERT INTO games (id, game_date, season, season_type, home_team_id, away_team_id, status, tipoff_at, updated_at)
     VALUES ($1, $2, '2023-24', $3::"SeasonType", 1, 2, $4::"GameStatus", $5, now())`,
    [id, gameDate, seasonType, status, tipoffAt],
  );
}

/** Inserts box-score rows. */
export async function insertBoxScores(pool: Pool, rows: readonly BoxFixture[]): Promise<void> {
  for (const r of rows) {
    await pool.query(
      `INSERT INTO player_game_stats (player_id, game_id, game_date, team_id, opponent_team_id, is_home, dnp, minutes, pts, reb, ast, fg3m, batch_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'test', now())`,
      [
        r.playerId,
        r.gameId,
        r.gameDate,
        r.teamId ?? 1,
        r.opponentTeamId ?? 2,
        (r.teamId ?? 1) === 1,
        r.dnp ?? false,
        r.minutes ?? (r.dnp ? 0 : 30),
        r.dnp ? null : (r.pts ?? 0),
        r.dnp ? null : (r.reb ?? 0),
        r.dnp ? null : (r.ast ?? 0),
        r.dnp ? null : (r.fg3m ?? 0),
      ],
    );
  }
}

/** Inserts predictions; returns their ids in order. */
export async function insertPredictions(pool: Pool, rows: readonly PredictionFixture[]): Promise<string[]> {
  const ids: string[] = [];
  for (const p of rows) {
    const r = await pool.query<{ id: string }>(
      `INSERT INTO predictions (batch_id, player_id, game_id, game_date, stat, model_id, model_version, role, book, predicted_mean, line,
                                over_price, under_price, over_probability, recommendation, flags)
       VALUES ($1, $2, $3, $4, $5::"StatType", $6, $7, 'PRIMARY', $8, $9, $10, $11, $12, $13, $14::"Recommendation", '{}')
       RETURNING id::text`,
      [
        p.batchId ?? 'batch-1',
        p.playerId,
        p.gameId,
        p.gameDate,
        p.stat,
        p.modelId,
        p.modelVersion,
        p.book ?? '',
        p.predictedMean,
        p.line ?? null,
        p.overPrice ?? null,
        p.underPrice ?? null,
        p.overProbability ?? null,
        p.recommendation ?? 'PASS',
      ],
    );
    ids.push(r.rows[0].id);
  }
  return ids;
}
