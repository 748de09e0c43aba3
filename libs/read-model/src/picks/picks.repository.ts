import type { Pool } from 'pg';
import type { StatType } from '@propcast/contracts';
import { CURRENT_PREDICTIONS } from '../shared/current-predictions.sql';
import { lineSourceOf } from '../shared/line-source';
import type { BoxScoreRow } from './build-picks';
import type { LineSnapshotView, Offer } from './pick.types';

type OfferCells = [string, number, string | null, string, StatType, string, number, string, number, number, number | null, number | null, number, string[], number | null];

/** SQL of the picks of a day. */
export class PicksRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * Priced predictions of `date` at their latest price (live re-pricing) from the latest batch attempt that predicted each (player, game, stat): one per model
   * and book, shadows excluded. Rows without a line or probability are not offers.
   */
  async offers(date: string, stat?: StatType): Promise<Offer[]> {
    const r = await this.pool.query<OfferCells>({
      text: `WITH day AS (
               SELECT p.id, p.player_id, p.game_id, p.stat, p.model_id, p.model_version, p.book, p.predicted_mean, p.line, p.over_price, p.under_price,
                      p.over_probability, p.flags, p.model_over_probability,
                      COALESCE(b.attempt, -1) AS attempt,
                      max(COALESCE(b.attempt, -1)) OVER (PARTITION BY p.player_id, p.game_id, p.stat) AS newest
                 FROM ${CURRENT_PREDICTIONS} p
                 LEFT JOIN prediction_batches b ON b.id = p.batch_id
                WHERE p.game_date = $1::date AND p.role <> 'SHADOW'
                  AND ($2::"StatType" IS NULL OR p.stat = $2::"StatType"))
             SELECT d.id::text, d.player_id, pl.name, d.game_id, d.stat, d.model_id, d.model_version, d.book, d.predicted_mean, d.line,
                    d.over_price, d.under_price, d.over_probability, d.flags, d.model_over_probability
               FROM day d
               LEFT JOIN players pl ON pl.id = d.player_id
              WHERE d.attempt = d.newest AND d.line IS NOT NULL AND d.over_probability IS NOT NULL`,
      values: [date, stat ?? null],
      rowMode: 'array',
    });
    return r.rows.map(([predictionId, playerId, playerName, gameId, s, modelId, modelVersion, book, predictedMean, line, overPrice, underPrice, overProbability, flags, modelOverProbability]) => ({
      predictionId,
      playerId,
      playerName,
      gameId,
      stat: s,
      modelId,
      modelVersion,
      book,
      predictedMean,
      line,
      overPrice,
      underPrice,
      overProbability,
      modelOverProbability,
      flags,
    }));
  }

  /** Line snapshots of the given props on `date`, every book, by capture time: key `playerId:gameId:stat`. */
  async lineHistory(date: string, props: readonly { playerId: number; gameId: string; stat: StatType }[]): Promise<Map<string, LineSnapshotView[]>> {
    const out = new Map<string, LineSnapshotView[]>();
    if (props.length === 0) return out;
    const r = await this.pool.query<[number, string, StatType, string, number, number | null, number | null, Date]>({
      text: `SELECT l.player_id, l.game_id, l.stat, l.book, l.line, l.over_price, l.under_price, l.captured_at
               FROM prop_lines l
               JOIN unnest($2::int[], $3::text[], $4::"StatType"[]) AS k(player_id, game_id, stat)
                 ON k.player_id = l.player_id AND k.game_id = l.game_id AND k.stat = l.stat
              WHERE l.game_date = $1::date
              ORDER BY l.captured_at, l.book`,
      values: [date, props.map((p) => p.playerId), props.map((p) => p.gameId), props.map((p) => p.stat)],
      rowMode: 'array',
    });
    for (const [playerId, gameId, stat, book, line, overPrice, underPrice, capturedAt] of r.rows) {
      const key = `${playerId}:${gameId}:${stat}`;
      const snapshot = { book, line, overPrice, underPrice, capturedAt: capturedAt.toISOString(), lineSource: lineSourceOf(book) };
      const list = out.get(key);
      if (list) list.push(snapshot);
      else out.set(key, [snapshot]);
    }
    return out;
  }

  /** Each player's team in each game (latest box score on or before the game that is one of its teams): key `playerId:gameId`. */
  async playerTeams(pairs: readonly { playerId: number; gameId: string }[]): Promise<Map<string, number>> {
    if (pairs.length === 0) return new Map();
    const r = await this.pool.query<[number, string, number]>({
      text: `SELECT x.player_id, x.game_id, pt.team_id
               FROM unnest($1::int[], $2::text[]) AS x(player_id, game_id)
               JOIN games g ON g.id = x.game_id
               JOIN LATERAL (
                 SELECT s.team_id FROM player_game_stats s
                  WHERE s.player_id = x.player_id AND s.game_date <= g.game_date AND s.team_id IN (g.home_team_id, g.away_team_id)
                  ORDER BY s.game_date DESC LIMIT 1) pt ON true`,
      values: [pairs.map((p) => p.playerId), pairs.map((p) => p.gameId)],
      rowMode: 'array',
    });
    return new Map(r.rows.map(([playerId, gameId, teamId]) => [`${playerId}:${gameId}`, teamId]));
  }

  /** Box scores of `date`: key `playerId:gameId`. */
  async boxScores(date: string): Promise<Map<string, BoxScoreRow>> {
    const r = await this.pool.query<[number, string, boolean, number, number | null, number | null, number | null, number | null]>({
      text: 'SELECT player_id, game_id, dnp, minutes, pts, reb, ast, fg3m FROM player_game_stats WHERE game_date = $1::date',
      values: [date],
      rowMode: 'array',
    });
    return new Map(r.rows.map(([playerId, gameId, dnp, minutes, pts, reb, ast, fg3m]) => [`${playerId}:${gameId}`, { dnp, minutes, pts, reb, ast, fg3m }]));
  }
}
