import type { Pool } from 'pg';
import { InvalidParameterError } from '../errors';

/** Team look-ups by id or abbreviation. */
export class TeamsRepository {
  constructor(private readonly pool: Pool) {}

  /** The team id of `team` (an NBA TEAM_ID or an abbreviation, any case); throws InvalidParameterError naming `parameter` when unknown. */
  async resolve(team: string, parameter = 'team'): Promise<number> {
    const text = team.trim();
    const r = /^\d+$/.test(text)
      ? await this.pool.query<{ id: number }>('SELECT id FROM teams WHERE id = $1', [Number(text)])
      : await this.pool.query<{ id: number }>('SELECT id FROM teams WHERE abbreviation = upper($1)', [text]);
    if (r.rows.length === 0) throw InvalidParameterError.of(parameter, `unknown team "${team}"`);
    return r.rows[0].id;
  }
}

/**
 * SQL of a lateral join `pt(team_id)`: the player's team in the game, i.e. the team of his latest box score on
 * or before the game's date that is one of the game's two teams (the game's own box score once it is played).
 * Needs aliases `p` (player_id, game_date) and `g` (home_team_id, away_team_id).
 */
export const PLAYER_TEAM_LATERAL = `LEFT JOIN LATERAL (
      SELECT s.team_id FROM player_game_stats s
       WHERE s.player_id = p.player_id AND s.game_date <= p.game_date AND s.team_id IN (g.home_team_id, g.away_team_id)
       ORDER BY s.game_date DESC LIMIT 1) pt ON true`;
