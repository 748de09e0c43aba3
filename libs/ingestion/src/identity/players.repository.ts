import type { Pool, PoolClient } from 'pg';

/** A stored player with the names of one normalized name (a row of `PlayersRepository.sharingNames`). */
export interface PlayerSharingNameRow {
  normalized_name: string;
  id: number;
  name: string;
  games: number;
  first_game: string | null;
  last_game: string | null;
  teams: string[] | null;
}

/** SQL of reading players: the import's player directory, and players sharing a name. */
export class PlayersRepository {
  /** Stored ids among `ids`. */
  async knownIds(db: Pool | PoolClient, ids: readonly number[]): Promise<Set<number>> {
    const r = await db.query<{ id: number }>(`SELECT id FROM players WHERE id = ANY($1::int[])`, [[...new Set(ids)]]);
    return new Set(r.rows.map((p) => p.id));
  }

  /** Every stored player and alias (a few thousand rows). */
  async namesAndAliases(db: Pool | PoolClient): Promise<{ players: { id: number; name: string; normalizedName: string }[]; aliases: { alias: string; book: string; playerId: number }[] }> {
    const players = await db.query<{ id: number; name: string; normalized_name: string }>(`SELECT id, name, normalized_name FROM players`);
    const aliases = await db.query<{ alias: string; book: string; player_id: number }>(`SELECT alias, book, player_id FROM player_aliases`);
    return {
      players: players.rows.map((p) => ({ id: p.id, name: p.name, normalizedName: p.normalized_name })),
      aliases: aliases.rows.map((a) => ({ alias: a.alias, book: a.book, playerId: a.player_id })),
    };
  }

  /** The dated games (and team) of these players, by player then date. */
  async gamesPlayed(db: Pool | PoolClient, playerIds: readonly number[]): Promise<{ playerId: number; date: string; teamId: number }[]> {
    if (playerIds.length === 0) return [];
    const r = await db.query<{ player_id: number; game_date: string; team_id: number }>(
      `SELECT player_id, game_date::text AS game_date, team_id FROM player_game_stats WHERE player_id = ANY($1::int[]) AND game_date IS NOT NULL ORDER BY player_id, game_date`,
      [playerIds],
    );
    return r.rows.map((g) => ({ playerId: g.player_id, date: g.game_date, teamId: g.team_id }));
  }

  /** Every stored player whose normalized name another player shares, with games, dates and teams, by name then id. */
  async sharingNames(db: Pool | PoolClient): Promise<PlayerSharingNameRow[]> {
    const result = await db.query<PlayerSharingNameRow>(
      `SELECT p.normalized_name, p.id, p.name, count(s.*)::int AS games, min(s.game_date)::text AS first_game, max(s.game_date)::text AS last_game,
              array_remove(array_agg(DISTINCT t.abbreviation), NULL) AS teams
         FROM players p
         LEFT JOIN player_game_stats s ON s.player_id = p.id
         LEFT JOIN teams t ON t.id = s.team_id
        WHERE p.normalized_name IN (SELECT normalized_name FROM players GROUP BY normalized_name HAVING count(*) > 1)
        GROUP BY p.normalized_name, p.id, p.name
        ORDER BY p.normalized_name, p.id`,
    );
    return result.rows;
  }
}
