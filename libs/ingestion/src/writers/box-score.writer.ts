import type { PoolClient } from 'pg';
import { BOX_SCORE_STATS, type BoxScoreRow } from '../formats/box-scores.format';
import { normalizePlayerName } from '../formats/player-names';
import type { BatchGame } from '../validation/box-score-batch';
import { copyChunks, CopyTextEncoder } from './copy-text';
import { countPerDate, countsByDate, totalCounts, type WriteResult } from './write-result';

/** Stats checked for outliers against the player's history. */
const OUTLIER_STATS = ['pts', 'reb', 'ast'] as const;
/** Prior games a player needs before a value can be called an outlier. */
export const OUTLIER_MIN_GAMES = 10;
/** Standard deviations from the player's mean beyond which a value is flagged. */
export const OUTLIER_SIGMAS = 3;

/** A value accepted but flagged: more than 3 standard deviations from the player's stored history. */
export interface OutlierFlag {
  row: number;
  playerId: number;
  gameId: string;
  stat: 'pts' | 'reb' | 'ast';
  value: number;
  mean: number;
  stdDev: number;
  priorGames: number;
}

const STAT_COLUMNS = BOX_SCORE_STATS.map((s) => (s === 'plusMinus' ? 'plus_minus' : s));
/** Columns of player_game_stats a batch sets; a re-imported row is unchanged when all of them are equal. */
const VALUE_COLUMNS = ['game_date', 'team_id', 'opponent_team_id', 'is_home', 'started', 'dnp', 'minutes', ...STAT_COLUMNS, 'comment'];
const STAGE_COLUMNS = ['row_no', 'player_id', 'game_id', ...VALUE_COLUMNS];
const STAGE_TABLE = 'ingest_box_score_stage';

/** Rows per COPY chunk. */
const ROWS_PER_CHUNK = 4000;

/** Writes the VALUE_COLUMNS of a row. */
function encodeValues(enc: CopyTextEncoder, r: BoxScoreRow): CopyTextEncoder {
  return enc
    .text(r.gameDate ?? '')
    .number(r.teamId)
    .number(r.opponentTeamId)
    .boolean(r.isHome)
    .boolean(r.started)
    .boolean(r.dnp)
    .number(r.minutes)
    .number(r.fgm)
    .number(r.fga)
    .number(r.fg3m)
    .number(r.fg3a)
    .number(r.ftm)
    .number(r.fta)
    .number(r.oreb)
    .number(r.dreb)
    .number(r.reb)
    .number(r.ast)
    .number(r.stl)
    .number(r.blk)
    .number(r.tov)
    .number(r.pf)
    .number(r.pts)
    .number(r.plusMinus)
    .escapedText(r.comment);
}

/** Writes a row in FINAL_COLUMNS order, for COPY straight into player_game_stats. */
export function encodeFinalRow(enc: CopyTextEncoder, r: BoxScoreRow, batchId: string, at: string): void {
  encodeValues(enc.number(r.playerId).text(r.gameId), r).text(batchId).text(at).endRow();
}

/** Rows in `encode`'s order, ROWS_PER_CHUNK per chunk. */
function* chunksOf(rows: readonly BoxScoreRow[], encode: (enc: CopyTextEncoder, r: BoxScoreRow) => void): Generator<Buffer> {
  const enc = new CopyTextEncoder();
  for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
    for (let j = i; j < Math.min(i + ROWS_PER_CHUNK, rows.length); j++) encode(enc, rows[j]);
    yield enc.take();
  }
}

/** Rows in FINAL_COLUMNS order as COPY chunks. */
export function finalChunks(rows: readonly BoxScoreRow[], batchId: string, at: string): Generator<Buffer> {
  return chunksOf(rows, (enc, r) => encodeFinalRow(enc, r, batchId, at));
}

/** Columns a bulk load COPYs into player_game_stats (id, revision and the defaults fill themselves). */
export const FINAL_COLUMNS = ['player_id', 'game_id', ...VALUE_COLUMNS, 'batch_id', 'updated_at'];

/**
 * Writes valid box-score rows in the caller's transaction (a first load of an empty table goes through BulkBoxScoreLoad instead): players and games upserted, rows COPYed into a temp
 * staging table, outliers flagged against each player's history before the batch, corrections recorded in
 * stat_corrections (previous and current values), then one INSERT ... ON CONFLICT DO UPDATE ... WHERE changed
 * whose RETURNING tells inserted from updated; the rest are unchanged.
 */
export async function writeBoxScores(client: PoolClient, batchId: string, rows: readonly BoxScoreRow[], games: readonly BatchGame[], now: Date): Promise<WriteResult> {
  const at = now.toISOString();
  const { insertedIds, ...players } = await upsertPlayers(client, rows, at);
  const possibleDuplicatePlayers = await findPossibleDuplicatePlayers(client, insertedIds);
  const gameCounts = await upsertFinalGames(client, batchId, games, at);
  const perDate = countPerDate(rows, (r) => r.gameDate ?? '');

  await client.query(
    `CREATE TEMP TABLE ${STAGE_TABLE} (row_no int, player_id int, game_id text, game_date date, team_id int, opponent_team_id int,
       is_home boolean, started boolean, dnp boolean, minutes double precision, ${STAT_COLUMNS.map((c) => `${c} int`).join(', ')}, comment text) ON COMMIT DROP`,
  );
  await copyChunks(
    client,
    STAGE_TABLE,
    STAGE_COLUMNS,
    chunksOf(rows, (enc, r) => encodeValues(enc.number(r.row).number(r.playerId).text(r.gameId), r).endRow()),
  );
  await client.query(`ANALYZE ${STAGE_TABLE}`);

  const outliers = await findOutliers(client);
  const corrections = await client.query(
    `INSERT INTO stat_corrections (player_id, game_id, batch_id, previous, current, created_at)
     SELECT s.player_id, s.game_id, $1, to_jsonb(s) - 'id' - 'updated_at',
            to_jsonb(t) - 'row_no' || jsonb_build_object('revision', s.revision + 1, 'batch_id', $1::text), $2::timestamp(3)
     FROM ${STAGE_TABLE} t JOIN player_game_stats s ON s.player_id = t.player_id AND s.game_id = t.game_id
     WHERE (${VALUE_COLUMNS.map((c) => `s.${c}`).join(', ')}) IS DISTINCT FROM (${VALUE_COLUMNS.map((c) => `t.${c}`).join(', ')})`,
    [batchId, at],
  );
  const changed = await client.query<{ game_date: string; inserted: number; updated: number }>(
    `WITH upserted AS (
       INSERT INTO player_game_stats AS p (player_id, game_id, ${VALUE_COLUMNS.join(', ')}, revision, batch_id, updated_at)
       SELECT player_id, game_id, ${VALUE_COLUMNS.join(', ')}, 1, $1, $2::timestamp(3) FROM ${STAGE_TABLE}
       ON CONFLICT (player_id, game_id) DO UPDATE SET
         ${VALUE_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
         revision = p.revision + 1, batch_id = EXCLUDED.batch_id, updated_at = EXCLUDED.updated_at
       WHERE (${VALUE_COLUMNS.map((c) => `p.${c}`).join(', ')}) IS DISTINCT FROM (${VALUE_COLUMNS.map((c) => `EXCLUDED.${c}`).join(', ')})
       RETURNING p.game_date, (p.xmax = 0) AS inserted
     )
     SELECT game_date::text AS game_date, count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
     FROM upserted GROUP BY game_date`,
    [batchId, at],
  );
  const byDate = countsByDate(perDate, changed.rows);
  return {
    counts: totalCounts(byDate),
    byDate,
    details: { corrections: corrections.rowCount ?? 0, outliers, players, games: gameCounts, possibleDuplicatePlayers },
  };
}

/** Inserts new players and renames changed ones (name and normalized_name); returns how many of each. */
export async function upsertPlayers(client: PoolClient, rows: readonly BoxScoreRow[], at: string): Promise<{ inserted: number; updated: number; insertedIds: number[] }> {
  const names = new Map<number, string>();
  for (const r of rows) names.set(r.playerId, r.playerName);
  const players = [...names].sort(([a], [b]) => a - b);
  const result = await client.query<{ inserted: number; updated: number; inserted_ids: number[] }>(
    `WITH upserted AS (
       INSERT INTO players AS p (id, name, normalized_name, created_at, updated_at)
       SELECT t.id, t.name, t.normalized_name, $4::timestamp(3), $4::timestamp(3) FROM unnest($1::int[], $2::text[], $3::text[]) AS t(id, name, normalized_name)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, normalized_name = EXCLUDED.normalized_name, updated_at = EXCLUDED.updated_at
       WHERE (p.name, p.normalized_name) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.normalized_name)
       RETURNING p.id, (p.xmax = 0) AS inserted
     ) SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated,
              coalesce(array_agg(id ORDER BY id) FILTER (WHERE inserted), '{}') AS inserted_ids FROM upserted`,
    [players.map(([id]) => id), players.map(([, name]) => name), players.map(([, name]) => normalizePlayerName(name)), at],
  );
  const r = result.rows[0];
  return { inserted: r.inserted, updated: r.updated, insertedIds: r.inserted_ids };
}

/** A new player id whose name another stored player already has: the same person under a mistyped id, or a real namesake. */
export interface PossibleDuplicatePlayer {
  name: string;
  newId: number;
  otherIds: number[];
}

/**
 * New players (inserted by this batch) who share their normalized name with another stored player. Accepted and flagged,
 * never rejected: real namesakes exist, but so do mistyped ids (the main dataset has one game of 1627777 under 162777),
 * which split a player's history in two and make name-only line feeds ask for player_id.
 */
export async function findPossibleDuplicatePlayers(client: PoolClient, insertedIds: readonly number[]): Promise<PossibleDuplicatePlayer[]> {
  if (insertedIds.length === 0) return [];
  const result = await client.query<{ name: string; new_id: number; other_ids: number[] }>(
    `SELECT n.name, n.id AS new_id, array_agg(o.id ORDER BY o.id) AS other_ids
     FROM players n JOIN players o ON o.normalized_name = n.normalized_name AND o.id <> n.id
     WHERE n.id = ANY($1::int[]) GROUP BY n.id, n.name ORDER BY n.id`,
    [insertedIds],
  );
  return result.rows.map((r) => ({ name: r.name, newId: r.new_id, otherIds: r.other_ids }));
}

/** Inserts or updates the batch's games as FINAL (box scores mean the game was played). */
export async function upsertFinalGames(client: PoolClient, batchId: string, games: readonly BatchGame[], at: string): Promise<{ inserted: number; updated: number }> {
  const sorted = [...games].sort((a, b) => (a.id < b.id ? -1 : 1));
  const result = await client.query<{ inserted: number; updated: number }>(
    `WITH upserted AS (
       INSERT INTO games AS g (id, game_date, season, season_type, home_team_id, away_team_id, status, batch_id, updated_at)
       SELECT t.id, t.game_date, t.season, t.season_type::"SeasonType", t.home, t.away, 'FINAL', $7, $8::timestamp(3)
       FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::int[], $6::int[]) AS t(id, game_date, season, season_type, home, away)
       ON CONFLICT (id) DO UPDATE SET game_date = EXCLUDED.game_date, season = EXCLUDED.season, season_type = EXCLUDED.season_type,
         home_team_id = EXCLUDED.home_team_id, away_team_id = EXCLUDED.away_team_id, status = 'FINAL', batch_id = EXCLUDED.batch_id, updated_at = EXCLUDED.updated_at
       WHERE (g.game_date, g.season, g.season_type, g.home_team_id, g.away_team_id, g.status)
         IS DISTINCT FROM (EXCLUDED.game_date, EXCLUDED.season, EXCLUDED.season_type, EXCLUDED.home_team_id, EXCLUDED.away_team_id, 'FINAL'::"GameStatus")
       RETURNING (g.xmax = 0) AS inserted
     ) SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM upserted`,
    [
      sorted.map((g) => g.id),
      sorted.map((g) => g.gameDate),
      sorted.map((g) => g.season),
      sorted.map((g) => g.seasonType),
      sorted.map((g) => g.homeTeamId),
      sorted.map((g) => g.awayTeamId),
      batchId,
      at,
    ],
  );
  return result.rows[0];
}

/**
 * Staged values of points, rebounds or assists more than 3 standard deviations from the player's mean over his
 * stored games played before the batch's first game of his (at least 10 of them).
 */
async function findOutliers(client: PoolClient): Promise<OutlierFlag[]> {
  const aggregates = OUTLIER_STATS.map((s) => `avg(s.${s})::float8 AS ${s}_mean, stddev_samp(s.${s})::float8 AS ${s}_sd`).join(', ');
  const tests = OUTLIER_STATS.map((s) => `(h.${s}_sd > 0 AND abs(t.${s} - h.${s}_mean) > ${OUTLIER_SIGMAS} * h.${s}_sd)`).join(' OR ');
  const result = await client.query<Record<string, number | string>>(
    `WITH firsts AS (SELECT player_id, min(game_date) AS first_date FROM ${STAGE_TABLE} WHERE NOT dnp GROUP BY player_id),
     history AS (
       SELECT s.player_id, count(*)::int AS n, ${aggregates}
       FROM player_game_stats s JOIN firsts f ON f.player_id = s.player_id AND s.game_date < f.first_date
       WHERE NOT s.dnp GROUP BY s.player_id HAVING count(*) >= ${OUTLIER_MIN_GAMES}
     )
     SELECT t.row_no, t.player_id, t.game_id, h.n, ${OUTLIER_STATS.map((s) => `t.${s}, h.${s}_mean, h.${s}_sd`).join(', ')}
     FROM ${STAGE_TABLE} t JOIN history h ON h.player_id = t.player_id
     WHERE NOT t.dnp AND (${tests}) ORDER BY t.row_no`,
  );
  const flags: OutlierFlag[] = [];
  for (const r of result.rows) {
    for (const stat of OUTLIER_STATS) {
      const value = r[stat] as number | null;
      const mean = r[`${stat}_mean`] as number;
      const stdDev = r[`${stat}_sd`] as number;
      if (value === null || !(stdDev > 0) || Math.abs(value - mean) <= OUTLIER_SIGMAS * stdDev) continue;
      flags.push({
        row: r['row_no'] as number,
        playerId: r['player_id'] as number,
        gameId: r['game_id'] as string,
        stat,
        value,
        mean: round2(mean),
        stdDev: round2(stdDev),
        priorGames: r['n'] as number,
      });
    }
  }
  return flags;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
