import type { PoolClient } from 'pg';
import { copyRows } from '@propcast/db';
import type { PropStat } from '../formats/props.format';
import { countPerDate, countsByDate, totalCounts, type WriteResult } from './write-result';

/** A prop line resolved to a stored player and game, ready to store. */
export interface PropLineRecord {
  row: number;
  playerId: number;
  /** How the player was found: player_id, or the name tier of the matcher (prop_lines.match_reason). */
  matchReason: string;
  /** The feed's name for him, when it gave a name and no id. */
  feedPlayerName: string | null;
  gameId: string;
  gameDate: string;
  stat: PropStat;
  line: number;
  overPrice: number | null;
  underPrice: number | null;
  book: string;
  capturedAt: Date;
  /** The feed's tip-off time, kept when the stored game has none (game logs come without a schedule). */
  feedTipoffAt?: Date | null;
}

const STAGE_TABLE = 'ingest_prop_line_stage';

/**
 * Stores prop-line snapshots in the caller's transaction: one row per (player, game, stat, book, captured_at, line),
 * so a book's alternate lines of a snapshot are all kept; each snapshot's line priced closest to even is marked
 * is_main. A line imported again with other prices is updated, an identical one is unchanged. A game stored
 * without a tip-off time takes the feed's (its commence time), so feature cutoffs and line selection can use it.
 */
export async function writePropLines(client: PoolClient, batchId: string, lines: readonly PropLineRecord[]): Promise<WriteResult> {
  await client.query(
    `CREATE TEMP TABLE ${STAGE_TABLE} (player_id int, game_id text, game_date date, stat "StatType", line double precision,
       over_price int, under_price int, book text, captured_at timestamp(3), match_reason text, feed_player_name text) ON COMMIT DROP`,
  );
  await copyRows(
    client,
    STAGE_TABLE,
    ['player_id', 'game_id', 'game_date', 'stat', 'line', 'over_price', 'under_price', 'book', 'captured_at', 'match_reason', 'feed_player_name'],
    lines.map((l) => [l.playerId, l.gameId, l.gameDate, l.stat, l.line, l.overPrice, l.underPrice, l.book, l.capturedAt.toISOString(), l.matchReason, l.feedPlayerName]),
  );
  const changed = await client.query<{ game_date: string; inserted: number; updated: number }>(
    `WITH upserted AS (
       INSERT INTO prop_lines AS p (player_id, game_id, game_date, stat, line, over_price, under_price, book, captured_at, batch_id, match_reason, feed_player_name)
       SELECT player_id, game_id, game_date, stat, line, over_price, under_price, book, captured_at, $1, match_reason, feed_player_name FROM ${STAGE_TABLE}
       ON CONFLICT (player_id, game_id, stat, book, captured_at, line) DO UPDATE SET
         game_date = EXCLUDED.game_date, over_price = EXCLUDED.over_price, under_price = EXCLUDED.under_price, batch_id = EXCLUDED.batch_id,
         match_reason = EXCLUDED.match_reason, feed_player_name = EXCLUDED.feed_player_name
       WHERE (p.game_date, p.over_price, p.under_price) IS DISTINCT FROM (EXCLUDED.game_date, EXCLUDED.over_price, EXCLUDED.under_price)
       RETURNING p.game_date, (p.xmax = 0) AS inserted
     )
     SELECT game_date::text AS game_date, count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
     FROM upserted GROUP BY game_date`,
    [batchId],
  );
  await markMainLines(client);
  const tipoffs = new Map<string, Date>();
  for (const l of lines) if (l.feedTipoffAt && !tipoffs.has(l.gameId)) tipoffs.set(l.gameId, l.feedTipoffAt);
  const tipoffsSet = tipoffs.size === 0 ? 0 : await setMissingTipoffs(client, tipoffs);
  const byDate = countsByDate(
    countPerDate(lines, (l) => l.gameDate),
    changed.rows,
  );
  return { counts: totalCounts(byDate), byDate, details: tipoffsSet > 0 ? { tipoffsSet } : {} };
}

/** Vig-free P(over) of American over/under prices, in SQL. */
const NOVIG_OVER = `(CASE WHEN p.over_price < 0 THEN -p.over_price::float8 / (100 - p.over_price) ELSE 100.0 / (100 + p.over_price) END
  / ((CASE WHEN p.over_price < 0 THEN -p.over_price::float8 / (100 - p.over_price) ELSE 100.0 / (100 + p.over_price) END)
   + (CASE WHEN p.under_price < 0 THEN -p.under_price::float8 / (100 - p.under_price) ELSE 100.0 / (100 + p.under_price) END)))`;

/**
 * Marks, in each snapshot the batch touched, the book's main line: the one whose vig-free P(over) is closest to 0.5
 * (priced lines first; ties to the lower line). Its other lines of that snapshot are alternates (is_main false).
 */
async function markMainLines(client: PoolClient): Promise<void> {
  await markMainLinesWhere(client, `(p.player_id, p.game_id, p.stat, p.book, p.captured_at) IN (SELECT player_id, game_id, stat, book, captured_at FROM ${STAGE_TABLE})`, []);
}

/** Marks the main line of every snapshot of one player (after a merge moved another id's lines to him). */
export async function markMainLinesOfPlayer(client: PoolClient, playerId: number): Promise<void> {
  await markMainLinesWhere(client, 'p.player_id = $1', [playerId]);
}

async function markMainLinesWhere(client: PoolClient, where: string, params: unknown[]): Promise<void> {
  await client.query(
    `WITH ranked AS (
       SELECT p.id, row_number() OVER (
                PARTITION BY p.player_id, p.game_id, p.stat, p.book, p.captured_at
                ORDER BY (p.over_price IS NULL OR p.under_price IS NULL), abs(${NOVIG_OVER} - 0.5), p.line) = 1 AS main
       FROM prop_lines p
       WHERE ${where}
     )
     UPDATE prop_lines p SET is_main = r.main FROM ranked r WHERE p.id = r.id AND p.is_main IS DISTINCT FROM r.main`,
    params,
  );
}

/** Sets tipoff_at of the games that have none; returns how many were set. */
async function setMissingTipoffs(client: PoolClient, tipoffs: ReadonlyMap<string, Date>): Promise<number> {
  const result = await client.query(
    `UPDATE games g SET tipoff_at = t.tipoff_at, updated_at = now() AT TIME ZONE 'UTC'
     FROM unnest($1::text[], $2::timestamp(3)[]) AS t(id, tipoff_at)
     WHERE g.id = t.id AND g.tipoff_at IS NULL`,
    [[...tipoffs.keys()], [...tipoffs.values()].map((d) => d.toISOString())],
  );
  return result.rowCount ?? 0;
}
