import type { PoolClient } from 'pg';
import { copyRows } from '@propcast/db';
import { countPerDate, countsByDate, totalCounts, type WriteResult } from './write-result';

/** A game line matched to a stored game, ready to store. */
export interface GameLineRecord {
  row: number;
  gameId: string;
  gameDate: string;
  book: string;
  homeSpread: number | null;
  total: number | null;
  homeMoneyline: number | null;
  awayMoneyline: number | null;
  capturedAt: Date;
}

const STAGE_TABLE = 'ingest_game_line_stage';

/**
 * Stores game-line snapshots in the caller's transaction: one row per (game, book, captured_at); a snapshot imported
 * again with other numbers is updated, an identical one is unchanged. Nothing else of the game is touched (scores never).
 */
export async function writeGameLines(client: PoolClient, batchId: string, lines: readonly GameLineRecord[]): Promise<WriteResult> {
  await client.query(
    `CREATE TEMP TABLE ${STAGE_TABLE} (game_id text, game_date date, book text, home_spread double precision, total double precision,
       home_moneyline int, away_moneyline int, captured_at timestamp(3)) ON COMMIT DROP`,
  );
  await copyRows(
    client,
    STAGE_TABLE,
    ['game_id', 'game_date', 'book', 'home_spread', 'total', 'home_moneyline', 'away_moneyline', 'captured_at'],
    lines.map((l) => [l.gameId, l.gameDate, l.book, l.homeSpread, l.total, l.homeMoneyline, l.awayMoneyline, l.capturedAt.toISOString()]),
  );
  const changed = await client.query<{ game_date: string; inserted: number; updated: number }>(
    `WITH upserted AS (
       INSERT INTO game_lines AS l (game_id, game_date, book, home_spread, total, home_moneyline, away_moneyline, captured_at, batch_id)
       SELECT game_id, game_date, book, home_spread, total, home_moneyline, away_moneyline, captured_at, $1 FROM ${STAGE_TABLE}
       ON CONFLICT (game_id, book, captured_at) DO UPDATE SET
         game_date = EXCLUDED.game_date, home_spread = EXCLUDED.home_spread, total = EXCLUDED.total,
         home_moneyline = EXCLUDED.home_moneyline, away_moneyline = EXCLUDED.away_moneyline, batch_id = EXCLUDED.batch_id
       WHERE (l.game_date, l.home_spread, l.total, l.home_moneyline, l.away_moneyline)
         IS DISTINCT FROM (EXCLUDED.game_date, EXCLUDED.home_spread, EXCLUDED.total, EXCLUDED.home_moneyline, EXCLUDED.away_moneyline)
       RETURNING l.game_date, (l.xmax = 0) AS inserted
     )
     SELECT game_date::text AS game_date, count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
     FROM upserted GROUP BY game_date`,
    [batchId],
  );
  const byDate = countsByDate(
    countPerDate(lines, (l) => l.gameDate),
    changed.rows,
  );
  return { counts: totalCounts(byDate), byDate, details: {} };
}
