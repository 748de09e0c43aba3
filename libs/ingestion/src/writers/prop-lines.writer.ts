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
}

const STAGE_TABLE = 'ingest_prop_line_stage';

/**
 * Stores prop-line snapshots in the caller's transaction: one row per (player, game, stat, book, captured_at);
 * a snapshot imported again with another line or price is updated, an identical one is unchanged.
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
  const byDate = countsByDate(countPerDate(lines, (l) => l.gameDate), changed.rows);
  return { counts: totalCounts(byDate), byDate, details: {} };
}
