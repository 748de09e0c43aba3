import type { PoolClient } from 'pg';
import type { StoredGame } from '../validation/box-score-batch';
import type { StoredGames } from './stored-games';

/** SQL of the games an import matches its rows to (read inside the batch transaction). */
export class GamesRepository {
  /** The stored games with these ids or on these dates. */
  async byIdOrDate(client: PoolClient, ids: readonly string[], dates: readonly string[]): Promise<StoredGames> {
    const result = await client.query<{ id: string; game_date: string; home_team_id: number; away_team_id: number; tipoff_at: string | null }>(
      `SELECT id, game_date::text AS game_date, home_team_id, away_team_id, to_char(tipoff_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS tipoff_at
       FROM games WHERE id = ANY($1::text[]) OR game_date = ANY($2::date[])`,
      [[...new Set(ids)], [...new Set(dates)]],
    );
    const games: StoredGames = { byId: new Map(), byDate: new Map() };
    for (const g of result.rows) {
      const game = { id: g.id, gameDate: g.game_date, homeTeamId: g.home_team_id, awayTeamId: g.away_team_id, tipoffAt: g.tipoff_at ? new Date(g.tipoff_at) : null };
      games.byId.set(game.id, game);
      games.byDate.set(game.gameDate, [...(games.byDate.get(game.gameDate) ?? []), game]);
    }
    return games;
  }

  /** The stored games with these ids, with their status (box scores and schedules reconcile against them). */
  async byIdWithStatus(client: PoolClient, ids: readonly string[]): Promise<Map<string, StoredGame>> {
    const result = await client.query<{ id: string; game_date: string; home_team_id: number; away_team_id: number; status: 'SCHEDULED' | 'FINAL' }>(
      `SELECT id, game_date::text AS game_date, home_team_id, away_team_id, status FROM games WHERE id = ANY($1::text[])`,
      [ids],
    );
    return new Map(result.rows.map((g) => [g.id, { id: g.id, gameDate: g.game_date, homeTeamId: g.home_team_id, awayTeamId: g.away_team_id, status: g.status }]));
  }
}
