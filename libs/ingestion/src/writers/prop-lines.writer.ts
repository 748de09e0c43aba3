import type { PoolClient } from 'pg';
import { copyRows } from '@propcast/db';
import type { PropStat } from '../formats/props.format';
import { countPerDate, countsByDate, totalCounts, type WriteResult } from './write-result';

/** A prop line resolved to a stored player and game, ready to store. */
export interface PropLineRecord {
  row: number;
  playerId: number;
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
 * Stores prop-line snapshots in the caller's transaction: one row per (player, game, stat, book, captured_at);
 * a snapshot imported again with another line or price is updated, an identical one is unchanged. A game stored
 * without a tip-off time takes the feed's (its commence time), so feature cutoffs and line selection can use it.
 */
export async function writePropLines(client: PoolClient, batchId: string, lines: readonly PropLineRecord[]): Promise<WriteResult> {
  await client.query(
    `CREATE TEMP TABLE ${STAGE_TABLE} (player_id int, game_id text, game_date date, stat "StatType", line double precision,
       over_price int, under_price int, book text, captured_at timestamp(3)) ON COMMIT DROP`,
  );
  await copyRows(
    client,
    STAGE_TABLE,
    ['player_id', 'game_id', 'game_date', 'stat', 'line', 'over_price', 'under_price', 'book', 'captured_at'],
    lines.map((l) => [l.playerId, l.gameId, l.gameDate, l.stat, l.line, l.overPrice, l.underPrice, l.book, l.capturedAt.toISOString()]),
  );
  const changed = await client.query<{ game_date: string; inserted: number; updated: number }>(
    `WITH upserted AS (
       INSERT INTO prop_lines AS p (player_id, game_id, game_date, stat, line, over_price, under_price, book, captured_at, batch_id)
       SELECT player_id, game_id, game_date, stat, line, over_price, under_price, book, captured_at, $1 FROM ${STAGE_TABLE}
       ON CONFLICT (player_id, game_id, stat, book, captured_at) DO UPDATE SET
         game_date = EXCLUDED.game_date, line = EXCLUDED.line, over_price = EXCLUDED.over_price, under_price = EXCLUDED.under_price, batch_id = EXCLUDED.batch_id
       WHERE (p.game_date, p.line, p.over_price, p.under_price) IS DISTINCT FROM (EXCLUDED.game_date, EXCLUDED.line, EXCLUDED.over_price, EXCLUDED.under_price)
       RETURNING p.game_date, (p.xmax = 0) AS inserted
     )
     SELECT game_date::text AS game_date, count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
     FROM upserted GROUP BY game_date`,
    [batchId],
  );
  const tipoffs = new Map<string, Date>();
  for (const l of lines) if (l.feedTipoffAt && !tipoffs.has(l.gameId)) tipoffs.set(l.gameId, l.feedTipoffAt);
  const tipoffsSet = tipoffs.size === 0 ? 0 : await setMissingTipoffs(client, tipoffs);
  const byDate = countsByDate(countPerDate(lines, (l) => l.gameDate), changed.rows);
  return { counts: totalCounts(byDate), byDate, details: tipoffsSet > 0 ? { tipoffsSet } : {} };
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
