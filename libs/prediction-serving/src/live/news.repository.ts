import type { ChangedProp, StatType } from '@propcast/contracts';
import type { Queryable } from '../sql';
import { PRICING_CUTOFF_SQL } from './live-pricing.repository';

/** A player whose status an availability report changed (from null: nothing was reported before). */
export interface StatusChange {
  playerId: number;
  teamId: number;
  gameId: string;
  from: string | null;
  to: string;
}

/** A recorded piece of news not yet re-predicted. */
export interface PendingNews {
  causeBatchId: string;
  gameDate: string;
  playerIds: number[];
  /** Games whose statuses the news changed (their feature rows must include it). */
  gameIds: string[];
  /** ISO-8601: when the news' import committed (features must be computed after it). */
  committedAt: string;
}

/** SQL of availability news: what changed, who it affects, and its re-prediction. */
export class NewsRepository {
  /** Serialises news handling of one game date (held until the transaction ends). */
  async lockDate(db: Queryable, gameDate: string): Promise<void> {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('propcast:live-news'), hashtext($1))`, [gameDate]);
  }

  /**
   * The players whose latest known status the ingest batch changed, on SCHEDULED games of the date: its newest report
   * per player and game (before tip-off), when no later report before tip-off exists, against the report before it. A first report
   * of AVAILABLE changes nothing.
   */
  async statusChanges(db: Queryable, gameDate: string, causeBatchId: string): Promise<StatusChange[]> {
    const r = await db.query<[number, number, string, string | null, string]>({
      text: `WITH batch AS (
               SELECT DISTINCT ON (r.player_id, r.game_id) r.player_id, r.team_id, r.game_id, r.status, r.reported_at, ${PRICING_CUTOFF_SQL} AS cutoff
                 FROM availability_reports r JOIN games g ON g.id = r.game_id
                WHERE r.batch_id = $2 AND r.game_date = $1::date AND g.status = 'SCHEDULED' AND r.reported_at < ${PRICING_CUTOFF_SQL}
                ORDER BY r.player_id, r.game_id, r.reported_at DESC)
             SELECT b.player_id, b.team_id, b.game_id, prev.status::text, b.status::text
               FROM batch b
               LEFT JOIN LATERAL (SELECT x.status FROM availability_reports x
                                   WHERE x.player_id = b.player_id AND x.game_id = b.game_id AND x.reported_at < b.reported_at
                                   ORDER BY x.reported_at DESC LIMIT 1) prev ON true
              WHERE NOT EXISTS (SELECT 1 FROM availability_reports y
                                 WHERE y.player_id = b.player_id AND y.game_id = b.game_id AND y.reported_at > b.reported_at AND y.reported_at < b.cutoff)
                AND prev.status IS DISTINCT FROM b.status
                AND NOT (prev.status IS NULL AND b.status = 'AVAILABLE')
              ORDER BY b.game_id, b.team_id, b.player_id`,
      values: [gameDate, causeBatchId],
      rowMode: 'array',
    });
    return r.rows.map(([playerId, teamId, gameId, from, to]) => ({ playerId, teamId, gameId, from, to }));
  }

  /** Players of the given (game, team) pairs with a prediction on the date (their team from their feature rows). */
  async predictedTeammates(db: Queryable, gameDate: string, teams: readonly { gameId: string; teamId: number }[]): Promise<number[]> {
    if (teams.length === 0) return [];
    const r = await db.query<[number]>({
      text: `SELECT DISTINCT p.player_id
               FROM predictions p
               JOIN feature_rows fr ON fr.player_id = p.player_id AND fr.game_id = p.game_id
               JOIN unnest($2::text[], $3::int[]) AS t(game_id, team_id) ON t.game_id = fr.game_id AND t.team_id = fr.team_id
              WHERE p.game_date = $1::date
              ORDER BY 1`,
      values: [gameDate, teams.map((t) => t.gameId), teams.map((t) => t.teamId)],
      rowMode: 'array',
    });
    return r.rows.map(([id]) => id);
  }

  /** Records the news (once per ingest batch); false when it was recorded already. */
  async insert(db: Queryable, news: { causeBatchId: string; gameDate: string; changes: readonly StatusChange[]; playerIds: readonly number[] }): Promise<boolean> {
    const r = await db.query(
      `INSERT INTO availability_news (cause_batch_id, game_date, changes, player_ids, committed_at)
       SELECT $1, $2::date, $3::jsonb, $4::int[], COALESCE(b.committed_at, now() AT TIME ZONE 'UTC')
         FROM (SELECT 1) one LEFT JOIN ingest_batches b ON b.id = $1
       ON CONFLICT (cause_batch_id) DO NOTHING`,
      [news.causeBatchId, news.gameDate, JSON.stringify(news.changes), news.playerIds],
    );
    return r.rowCount === 1;
  }

  /** News of the date not yet re-predicted, oldest first. */
  async pending(db: Queryable, gameDate: string): Promise<PendingNews[]> {
    const r = await db.query<[string, string, number[], string[] | null, string]>({
      text: `SELECT n.cause_batch_id, to_char(n.game_date, 'YYYY-MM-DD'), n.player_ids,
                    (SELECT array_agg(DISTINCT c->>'gameId' ORDER BY c->>'gameId') FROM jsonb_array_elements(n.changes) c),
                    to_char(n.committed_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
               FROM availability_news n WHERE n.game_date = $1::date AND n.prediction_batch_id IS NULL ORDER BY n.committed_at, n.cause_batch_id`,
      values: [gameDate],
      rowMode: 'array',
    });
    return r.rows.map(([causeBatchId, date, playerIds, gameIds, committedAt]) => ({ causeBatchId, gameDate: date, playerIds: playerIds ?? [], gameIds: gameIds ?? [], committedAt }));
  }

  /** Dates with news waiting for their re-prediction. */
  async pendingDates(db: Queryable): Promise<string[]> {
    const r = await db.query<[string]>({
      text: `SELECT DISTINCT to_char(game_date, 'YYYY-MM-DD') FROM availability_news WHERE prediction_batch_id IS NULL ORDER BY 1`,
      rowMode: 'array',
    });
    return r.rows.map(([d]) => d);
  }

  /**
   * True when the news' features include it: every game its changes name was recomputed alone by a run that started
   * after the news' import committed (feature_game_runs, what an availability import triggers), or every processor
   * finished the whole date after it (processor_completions, a date run).
   */
  async featuresComputedAfter(db: Queryable, news: PendingNews, featureSetId: string, processors: readonly string[]): Promise<boolean> {
    const r = await db.query<{ games: boolean; date: boolean }>(
      `SELECT (SELECT count(*) > 0 AND bool_and(gr.computed_as_of IS NOT NULL AND gr.computed_as_of > $4::timestamptz AT TIME ZONE 'UTC')
                 FROM unnest($5::text[]) AS g(game_id)
                 LEFT JOIN feature_game_runs gr ON gr.feature_set_id = $2 AND gr.game_id = g.game_id) AS games,
              (SELECT count(DISTINCT processor)::int FROM processor_completions
                WHERE game_date = $1::date AND feature_set_id = $2 AND processor = ANY($3::text[]) AND completed_at > $4::timestamptz AT TIME ZONE 'UTC') = $6 AS date`,
      [news.gameDate, featureSetId, processors, news.committedAt, news.gameIds, new Set(processors).size],
    );
    return r.rows[0].games === true || r.rows[0].date === true;
  }

  /** The props (player, game, stat, book) a batch predicted. */
  async batchProps(db: Queryable, predictionBatchId: string): Promise<ChangedProp[]> {
    const r = await db.query<[number, string, StatType, string]>({
      text: `SELECT DISTINCT player_id, game_id, stat, book FROM predictions WHERE batch_id = $1 ORDER BY 1, 2, 3, 4`,
      values: [predictionBatchId],
      rowMode: 'array',
    });
    return r.rows.map(([playerId, gameId, stat, book]) => ({ playerId, gameId, stat, book }));
  }

  /** Links the news to the batch that re-predicted it. */
  async markStarted(db: Queryable, causeBatchId: string, predictionBatchId: string): Promise<void> {
    await db.query(`UPDATE availability_news SET prediction_batch_id = $2, started_at = now() AT TIME ZONE 'UTC' WHERE cause_batch_id = $1`, [causeBatchId, predictionBatchId]);
  }
}
