import type { PoolClient } from 'pg';
import { copyRows } from '@propcast/db';
import { countPerDate, countsByDate, totalCounts, type WriteResult } from './write-result';

/** A status report matched to a stored player and game, ready to store. */
export interface AvailabilityRecord {
  row: number;
  playerId: number;
  teamId: number;
  gameId: string;
  gameDate: string;
  status: string;
  reason: string | null;
  reportedAt: Date;
  /** How a name-only row found its player (player_id, name, reversed, alias...). */
  matchReason: string;
}

const STAGE_TABLE = 'ingest_availability_stage';

/**
 * Stores status reports (source REPORT) in the caller's transaction: one row per (player, game, reported_at); a report
 * imported again with another status or reason is updated, an identical one is unchanged. Box-score-derived rows
 * (source BOXSCORE) are never touched.
 */
export async function writeAvailabilityReports(client: PoolClient, batchId: string, reports: readonly AvailabilityRecord[]): Promise<WriteResult> {
  await client.query(`CREATE TEMP TABLE ${STAGE_TABLE} (player_id int, team_id int, game_id text, game_date date, status text, reason text, reported_at timestamp(3)) ON COMMIT DROP`);
  await copyRows(
    client,
    STAGE_TABLE,
    ['player_id', 'team_id', 'game_id', 'game_date', 'status', 'reason', 'reported_at'],
    reports.map((r) => [r.playerId, r.teamId, r.gameId, r.gameDate, r.status, r.reason, r.reportedAt.toISOString()]),
  );
  const changed = await client.query<{ game_date: string; inserted: number; updated: number }>(
    `WITH upserted AS (
       INSERT INTO availability_reports AS a (player_id, team_id, game_id, game_date, status, reason, reported_at, source, batch_id)
       SELECT player_id, team_id, game_id, game_date, status::"AvailabilityStatus", reason, reported_at, 'REPORT', $1 FROM ${STAGE_TABLE}
       ON CONFLICT (player_id, game_id, source, reported_at) DO UPDATE SET
         team_id = EXCLUDED.team_id, status = EXCLUDED.status, reason = EXCLUDED.reason, batch_id = EXCLUDED.batch_id
       WHERE (a.team_id, a.status, a.reason) IS DISTINCT FROM (EXCLUDED.team_id, EXCLUDED.status, EXCLUDED.reason)
       RETURNING a.game_date, (a.xmax = 0) AS inserted
     )
     SELECT game_date::text AS game_date, count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
     FROM upserted GROUP BY game_date`,
    [batchId],
  );
  const byDate = countsByDate(
    countPerDate(reports, (r) => r.gameDate),
    changed.rows,
  );
  const matchedBy: Record<string, number> = {};
  for (const r of reports) matchedBy[r.matchReason] = (matchedBy[r.matchReason] ?? 0) + 1;
  return { counts: totalCounts(byDate), byDate, details: { matchedBy } };
}
