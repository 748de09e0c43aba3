import type { PoolClient } from 'pg';
import { BOXSCORE_REPORTED_BEFORE_CUTOFF_MINUTES, OUT_BEFORE_TIPOFF_COMMENT, type DerivedAvailability } from './boxscore-availability';

/** SQL of the availability_reports rows derived from box scores (source BOXSCORE). */
export class BoxScoreAvailabilityRepository {
  /**
   * Makes availability_reports' BOXSCORE rows of the given games (every stored game when `gameIds` is null) agree with
   * their stored box scores: one OUT row per DND / NWT / inactive player, reason = the comment, reported_at = tip-off
   * (else game date 00:00 UTC) minus one minute, so every cutoff of that game (tip-off, or the start of its date) sees it.
   * Runs in the caller's transaction; idempotent (a second run changes nothing).
   */
  async derive(client: PoolClient, batchId: string, gameIds: readonly string[] | null): Promise<DerivedAvailability> {
    const result = await client.query<DerivedAvailability>(
      `WITH desired AS (
         SELECT s.player_id, s.team_id, s.game_id, g.game_date, s.comment AS reason,
                coalesce(g.tipoff_at, g.game_date::timestamp) - make_interval(mins => $4::int) AS reported_at
         FROM player_game_stats s JOIN games g ON g.id = s.game_id
         WHERE ($1::text[] IS NULL OR s.game_id = ANY($1::text[])) AND s.dnp AND s.comment ~* $2
       ),
       removed AS (
         DELETE FROM availability_reports a
         WHERE a.source = 'BOXSCORE' AND ($1::text[] IS NULL OR a.game_id = ANY($1::text[]))
           AND NOT EXISTS (SELECT 1 FROM desired d WHERE d.player_id = a.player_id AND d.game_id = a.game_id AND d.reported_at = a.reported_at)
         RETURNING 1
       ),
       upserted AS (
         INSERT INTO availability_reports AS a (player_id, team_id, game_id, game_date, status, reason, reported_at, source, batch_id)
         SELECT player_id, team_id, game_id, game_date, 'OUT', reason, reported_at, 'BOXSCORE', $3 FROM desired
         ON CONFLICT (player_id, game_id, source, reported_at) DO UPDATE SET
           team_id = EXCLUDED.team_id, game_date = EXCLUDED.game_date, status = EXCLUDED.status, reason = EXCLUDED.reason, batch_id = EXCLUDED.batch_id
         WHERE (a.team_id, a.game_date, a.status, a.reason) IS DISTINCT FROM (EXCLUDED.team_id, EXCLUDED.game_date, EXCLUDED.status, EXCLUDED.reason)
         RETURNING (a.xmax = 0) AS inserted
       )
       SELECT (SELECT count(*) FROM desired)::int AS out, count(*) FILTER (WHERE inserted)::int AS inserted,
              count(*) FILTER (WHERE NOT inserted)::int AS updated, (SELECT count(*) FROM removed)::int AS deleted
       FROM upserted`,
      [gameIds, OUT_BEFORE_TIPOFF_COMMENT, batchId, BOXSCORE_REPORTED_BEFORE_CUTOFF_MINUTES],
    );
    return result.rows[0];
  }
}
