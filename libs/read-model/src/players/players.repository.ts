import type { Pool } from 'pg';
import type { StatType } from '@propcast/contracts';
import type { GradedRow } from '@propcast/grading';

/** A played (or missed) game of a player. */
export interface FormGame {
  gameDate: string;
  gameId: string;
  team: string | null;
  opponent: string | null;
  isHome: boolean;
  minutes: number;
  pts: number | null;
  reb: number | null;
  ast: number | null;
  fg3m: number | null;
}

/** A graded prediction of the player with its stat and model. */
export interface PlayerGradedRow extends GradedRow {
  stat: StatType;
  modelId: string;
}

/** SQL of the player page. */
export class PlayersRepository {
  constructor(private readonly pool: Pool) {}

  /** The player's id and name; null when unknown. */
  async find(playerId: number): Promise<{ id: number; name: string } | null> {
    const r = await this.pool.query<{ id: number; name: string }>('SELECT id, name FROM players WHERE id = $1', [playerId]);
    return r.rows[0] ?? null;
  }

  /** The player's last `games` games he played in (DNPs left out), newest first. */
  async recentGames(playerId: number, games: number): Promise<FormGame[]> {
    const r = await this.pool.query<[string, string, string | null, string | null, boolean, number, number | null, number | null, number | null, number | null]>({
      text: `SELECT s.game_date::text, s.game_id, t.abbreviation, o.abbreviation, s.is_home, s.minutes, s.pts, s.reb, s.ast, s.fg3m
               FROM player_game_stats s
               LEFT JOIN teams t ON t.id = s.team_id
               LEFT JOIN teams o ON o.id = s.opponent_team_id
              WHERE s.player_id = $1 AND NOT s.dnp AND s.minutes > 0
              ORDER BY s.game_date DESC
              LIMIT $2`,
      values: [playerId, games],
      rowMode: 'array',
    });
    return r.rows.map(([gameDate, gameId, team, opponent, isHome, minutes, pts, reb, ast, fg3m]) => ({ gameDate, gameId, team, opponent, isHome, minutes, pts, reb, ast, fg3m }));
  }

  /** The player's graded predictions since `from` (one per model, stat, game and book; the latest batch attempt's). */
  async gradedRows(playerId: number, from: string): Promise<PlayerGradedRow[]> {
    const r = await this.pool.query<[StatType, string, string, number, string, number, number | null, number | null, string | null, string, number, number | null]>({
      text: `SELECT DISTINCT ON (p.model_id, p.stat, p.game_id, p.book)
                    p.stat, p.model_id, p.book, p.player_id, p.game_id, p.predicted_mean, p.over_probability, p.market_over_probability,
                    gr.outcome, gr.result, gr.profit, gr.actual
               FROM predictions p
               JOIN grades gr ON gr.prediction_id = p.id
               LEFT JOIN prediction_batches b ON b.id = p.batch_id
              WHERE p.player_id = $1 AND p.game_date >= $2::date AND p.role <> 'SHADOW'
              ORDER BY p.model_id, p.stat, p.game_id, p.book, b.attempt DESC NULLS LAST, p.id DESC`,
      values: [playerId, from],
      rowMode: 'array',
    });
    return r.rows.map(([stat, modelId, book, pid, gameId, predictedMean, overProbability, marketOverProbability, outcome, result, profit, actual]) => ({
      stat,
      modelId,
      book,
      playerId: pid,
      gameId,
      predictedMean,
      overProbability,
      marketOverProbability,
      outcome: outcome as GradedRow['outcome'],
      result: result as GradedRow['result'],
      profit,
      actual,
    }));
  }
}
