import type { PoolClient } from 'pg';
import type { ScheduleRow } from '../formats/schedule.format';
import { countPerDate, countsByDate, totalCounts, type WriteResult } from './write-result';

/**
 * Upserts scheduled games in the caller's transaction: new games are SCHEDULED, scheduled games take the new
 * date/teams/tip-off (postponements), FINAL games are never touched (a schedule never downgrades a played game).
 */
export async function writeSchedule(client: PoolClient, batchId: string, rows: readonly ScheduleRow[], now: Date): Promise<WriteResult> {
  const sorted = [...rows].sort((a, b) => (a.gameId < b.gameId ? -1 : 1));
  const changed = await client.query<{ game_date: string; inserted: number; updated: number }>(
    `WITH upserted AS (
       INSERT INTO games AS g (id, game_date, season, season_type, home_team_id, away_team_id, status, tipoff_at, batch_id, updated_at)
       SELECT t.id, t.game_date, t.season, t.season_type::"SeasonType", t.home, t.away, 'SCHEDULED', t.tipoff_at, $8, $9::timestamp(3)
       FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::int[], $6::int[], $7::timestamp(3)[]) AS t(id, game_date, season, season_type, home, away, tipoff_at)
       ON CONFLICT (id) DO UPDATE SET game_date = EXCLUDED.game_date, season = EXCLUDED.season, season_type = EXCLUDED.season_type,
         home_team_id = EXCLUDED.home_team_id, away_team_id = EXCLUDED.away_team_id, tipoff_at = COALESCE(EXCLUDED.tipoff_at, g.tipoff_at),
         batch_id = EXCLUDED.batch_id, updated_at = EXCLUDED.updated_at
       WHERE g.status <> 'FINAL'
         AND (g.game_date, g.season, g.season_type, g.home_team_id, g.away_team_id, g.tipoff_at)
             IS DISTINCT FROM (EXCLUDED.game_date, EXCLUDED.season, EXCLUDED.season_type, EXCLUDED.home_team_id, EXCLUDED.away_team_id, COALESCE(EXCLUDED.tipoff_at, g.tipoff_at))
       RETURNING g.game_date, (g.xmax = 0) AS inserted
     )
     SELECT game_date::text AS game_date, count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
     FROM upserted GROUP BY game_date`,
    [
      sorted.map((r) => r.gameId),
      sorted.map((r) => r.gameDate),
      sorted.map((r) => r.season),
      sorted.map((r) => r.seasonType),
      sorted.map((r) => r.homeTeamId),
      sorted.map((r) => r.awayTeamId),
      sorted.map((r) => r.tipoffAt?.toISOString() ?? null),
      batchId,
      now.toISOString(),
    ],
  );
  const byDate = countsByDate(
    countPerDate(rows, (r) => r.gameDate),
    changed.rows,
  );
  return { counts: totalCounts(byDate), byDate, details: {} };
}
