// Test fixtures of @propcast/grading (`@propcast/grading/testing`): teams, players, games, box scores and predictions rows.
import type { Pool } from 'pg';
import { encodeFeatureValues } from '@propcast/features';
import { seededRandom } from '@propcast/common';

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
  /** The book's vig-free over-probability (real prices only). */
  marketOverProbability?: number | null;
  recommendation?: 'OVER' | 'UNDER' | 'PASS';
  /** Default PRIMARY. */
  role?: 'PRIMARY' | 'CHALLENGER' | 'SHADOW';
  /** The model's own call (null: not stored). */
  wouldBeRecommendation?: 'OVER' | 'UNDER' | 'PASS' | null;
}

/** Inserts teams 1 and 2 and the given players (ids) once. */
export async function insertTeamsAndPlayers(pool: Pool, playerIds: readonly number[]): Promise<void> {
  await pool.query(
    `INSERT INTO teams (id, abbreviation, city, name, updated_at) VALUES (1, 'AAA', 'A', 'Aces', now()), (2, 'BBB', 'B', 'Bees', now())
     ON CONFLICT DO NOTHING`,
  );
  await pool.query(`INSERT INTO players (id, name, normalized_name, updated_at) SELECT id, 'p' || id, 'p' || id, now() FROM unnest($1::int[]) AS id ON CONFLICT DO NOTHING`, [playerIds]);
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
                                over_price, under_price, over_probability, recommendation, flags, market_over_probability, would_be_recommendation)
       VALUES ($1, $2, $3, $4, $5::"StatType", $6, $7, $16::"ModelRole", $8, $9, $10, $11, $12, $13, $14::"Recommendation", '{}', $15, $17::"Recommendation")
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
        p.marketOverProbability ?? null,
        p.role ?? 'PRIMARY',
        p.wouldBeRecommendation ?? null,
      ],
    );
    ids.push(r.rows[0].id);
  }
  return ids;
}

/** Settings of {@link seedSyntheticLeague}. */
export interface SyntheticLeague {
  featureSetId: string;
  start: string;
  days: number;
  players: number;
}

/** The league the backtest tests replay: feature set `bt@v1`, 90 days from 2023-10-01, 30 players. */
export const SYNTHETIC_LEAGUE: SyntheticLeague = { featureSetId: 'bt@v1', start: '2023-10-01', days: 90, players: 30 };

/**
 * Seeds a synthetic league for backtests: one game a day (tip-off 19:00Z) between teams 1 and 2 with every player,
 * points around a per-player skill (player 500 misses every 10th day from day 3), feature rows
 * `points_season_avg, points_avg_last3, noise` with cutoff 12:00Z, and for players 500-509 prop lines: books A
 * (-110/-110) and B (-120/-120) at 10:00Z, A one point higher at 15:00Z (a closing line, after the cutoff) and a
 * poisoned 99.5 at 21:00Z (after tip-off). Player ids start at 500.
 */
export async function seedSyntheticLeague(pool: Pool, league: SyntheticLeague = SYNTHETIC_LEAGUE): Promise<void> {
  const ids = Array.from({ length: league.players }, (_, i) => 500 + i);
  await insertTeamsAndPlayers(pool, ids);
  await pool.query(`INSERT INTO feature_sets (id, name, version, feature_names, definition_hash) VALUES ($1, 'bt', 1, '{points_season_avg,points_avg_last3,noise}', 'h')`, [league.featureSetId]);
  let seed = 42;
  const random = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
  const push = (columns: unknown[][], row: readonly unknown[]) => row.forEach((v, i) => columns[i].push(v));
  const games: unknown[][] = [[], [], []];
  const stats: unknown[][] = [[], [], [], [], [], []];
  const features: unknown[][] = [[], [], [], [], []];
  const lines: unknown[][] = [[], [], [], [], [], [], [], []];
  for (let d = 0; d < league.days; d++) {
    const date = new Date(Date.parse(`${league.start}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
    const gameId = `00223${String(d).padStart(5, '0')}`;
    push(games, [gameId, date, `${date}T19:00:00Z`]);
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
          ['A', line + 1, -115, -105, `${date}T15:00:00Z`],
          ['A', 99.5, 500, -900, `${date}T21:00:00Z`],
        ];
        for (const [book, l, over, under, at] of snapshots) push(lines, [playerId, gameId, date, l, over, under, book, at]);
      }
    });
  }
  await pool.query(
    `INSERT INTO games (id, game_date, season, season_type, home_team_id, away_team_id, status, tipoff_at, updated_at)
     SELECT id, d, '2023-24', 'REGULAR', 1, 2, 'FINAL', t, now() FROM unnest($1::text[], $2::date[], $3::timestamptz[]) AS x(id, d, t)`,
    games,
  );
  await pool.query(
    `INSERT INTO player_game_stats (player_id, game_id, game_date, team_id, opponent_team_id, is_home, dnp, minutes, pts, reb, ast, fg3m, batch_id, updated_at)
     SELECT p, g, d, t, 3 - t, t = 1, dnp, CASE WHEN dnp THEN 0 ELSE 30 END, pts, 5, 3, 1, 'test', now()
       FROM unnest($1::int[], $2::text[], $3::date[], $4::int[], $5::bool[], $6::int[]) AS x(p, g, d, t, dnp, pts)`,
    stats,
  );
  await pool.query(
    `INSERT INTO feature_rows (feature_set_id, player_id, game_id, game_date, team_id, opponent_team_id, cutoff_at, "values")
     SELECT $6, p, g, d, 1, 2, c, v FROM unnest($1::int[], $2::text[], $3::date[], $4::timestamptz[], $5::bytea[]) AS x(p, g, d, c, v)`,
    [...features, league.featureSetId],
  );
  await pool.query(
    `INSERT INTO prop_lines (player_id, game_id, game_date, stat, line, over_price, under_price, book, captured_at, batch_id)
     SELECT p, g, d, 'POINTS', l, o, u, b, c, 'test' FROM unnest($1::int[], $2::text[], $3::date[], $4::float8[], $5::int[], $6::int[], $7::text[], $8::timestamptz[]) AS x(p, g, d, l, o, u, b, c)`,
    lines,
  );
}

const dayOf = (i: number) => `2025-01-${String(i).padStart(2, '0')}`;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Registers a THREES model with a serving role. */
async function challengerModel(pool: Pool, id: string, version: number, role: 'PRIMARY' | 'CHALLENGER' | 'SHADOW'): Promise<void> {
  await pool.query(
    `INSERT INTO models (id, stat, version, feature_set_id, feature_names, objective, params, artifact_uri, artifact_sha256, native_uri, metadata_uri,
                         train_from, train_to, dataset_fingerprint, metrics, baselines, status, role, traffic_weight, promoted_at)
     VALUES ($1, 'THREES', $2, 'fs@v1', '{a}', 'count:poisson', '{}', 'x', 'x', 'x', 'x', '2020-01-01', '2024-06-30', 'fp', '{}', '{}', 'PRODUCTION', $3, $4, $5)`,
    [id, version, role, role === 'PRIMARY' ? 1 : 0, role === 'PRIMARY' ? '2024-07-01T00:00:00Z' : null],
  );
}

/** Inserts a day's predictions and their grades in two statements (a bet is graded only where the stored call bet). */
async function insertGradedDay(pool: Pool, rows: readonly PredictionFixture[], outcomes: readonly ('OVER' | 'UNDER')[]): Promise<void> {
  const col = <T>(f: (r: PredictionFixture) => T): T[] => rows.map(f);
  await pool.query(
    `WITH u AS (
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::date[], $5::text[], $6::int[], $7::"ModelRole"[], $8::text[], $9::float8[],
                            $10::float8[], $11::"Recommendation"[], $12::"Recommendation"[], $13::"LineOutcome"[])
         AS u(batch_id, player_id, game_id, game_date, model_id, model_version, role, book, over_probability, market_over_probability,
              recommendation, would_be, outcome)),
     p AS (
       INSERT INTO predictions (batch_id, player_id, game_id, game_date, stat, model_id, model_version, role, book, predicted_mean, line,
                                over_price, under_price, over_probability, market_over_probability, recommendation, would_be_recommendation, flags)
       SELECT batch_id, player_id, game_id, game_date, 'THREES', model_id, model_version, role, book, 2, 1.5, -110, -110, over_probability,
              market_over_probability, recommendation, would_be, '{}' FROM u
       RETURNING id, batch_id, player_id, model_id, book, recommendation)
     INSERT INTO grades (prediction_id, actual, error, outcome, result, profit)
     SELECT p.id, 1, 0, u.outcome,
            (CASE WHEN p.recommendation = 'PASS' THEN 'NO_BET' WHEN p.recommendation::text = u.outcome::text THEN 'WIN' ELSE 'LOSS' END)::"BetResult",
            CASE WHEN p.recommendation = 'PASS' THEN 0 WHEN p.recommendation::text = u.outcome::text THEN 100.0 / 110 ELSE -1 END
       FROM p JOIN u ON u.batch_id = p.batch_id AND u.player_id = p.player_id AND u.model_id = p.model_id AND u.book = p.book`,
    [
      col((r) => r.batchId),
      col((r) => r.playerId),
      col((r) => r.gameId),
      col((r) => r.gameDate),
      col((r) => r.modelId),
      col((r) => r.modelVersion),
      col((r) => r.role),
      col((r) => r.book),
      col((r) => r.overProbability),
      col((r) => r.marketOverProbability),
      col((r) => r.recommendation),
      col((r) => r.wouldBeRecommendation),
      outcomes,
    ],
  );
}

/**
 * Challenger evidence (30 days 2025-01-01..30 x 30 players of graded THREES props at two real books, dk and fd, plus a
 * PROXY line): the truth is sigmoid(z); the market sees z with a little noise, the production primary threes-v1 with
 * more, the shadow threes-v2 sees it exactly (better than production), the shadow threes-v3 is as noisy as production
 * and over-confident (worse). Shadows store PASS and their own call in would_be_recommendation.
 */
export async function seedChallengerEvidence(pool: Pool): Promise<void> {
  await pool.query(`INSERT INTO feature_sets (id, name, version, feature_names, definition_hash) VALUES ('fs@v1', 'fs', 1, '{a}', 'h')`);
  await challengerModel(pool, 'threes-v1', 1, 'PRIMARY');
  await challengerModel(pool, 'threes-v2', 2, 'SHADOW');
  await challengerModel(pool, 'threes-v3', 3, 'SHADOW');
  const random = seededRandom(11);
  const players = Array.from({ length: 30 }, (_, i) => 200 + i);
  await insertTeamsAndPlayers(pool, players);
  for (let d = 1; d <= 30; d++) {
    const gameId = `G${d}`;
    await insertGame(pool, gameId, dayOf(d), 'FINAL');
    const rows: PredictionFixture[] = [];
    const outcomes: ('OVER' | 'UNDER')[] = [];
    for (const playerId of players) {
      const z = -1.5 + 3 * random();
      const over = random() < sigmoid(z) ? 'OVER' : 'UNDER';
      const market = sigmoid(z + 0.6 * (random() - 0.5));
      const production = sigmoid(z + 3 * (random() - 0.5));
      const probs: Record<string, number> = { 'threes-v1': production, 'threes-v2': sigmoid(z), 'threes-v3': sigmoid(2.2 * (z + 3 * (random() - 0.5))) };
      for (const book of ['dk', 'fd', 'PROXY']) {
        for (const [modelId, p] of Object.entries(probs)) {
          const role = modelId === 'threes-v1' ? 'PRIMARY' : 'SHADOW';
          const call = p - market > 0.03 ? 'OVER' : market - p > 0.03 ? 'UNDER' : 'PASS';
          rows.push({
            batchId: `b-${d}`,
            playerId,
            gameId,
            gameDate: dayOf(d),
            stat: 'THREES',
            modelId,
            modelVersion: Number(modelId.slice(-1)),
            book,
            predictedMean: 2,
            line: 1.5,
            overPrice: -110,
            underPrice: -110,
            overProbability: p,
            marketOverProbability: book === 'PROXY' ? 0.5 : market,
            role,
            recommendation: role === 'SHADOW' ? 'PASS' : call,
            wouldBeRecommendation: call,
          });
          outcomes.push(over);
        }
      }
    }
    await insertGradedDay(pool, rows, outcomes);
  }
}
