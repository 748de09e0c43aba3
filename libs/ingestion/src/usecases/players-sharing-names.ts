import type { Pool } from 'pg';

/** Stored players with the same normalized name: namesakes, or one person under two ids (then merge them). */
export interface PlayersSharingName {
  name: string;
  players: { id: number; name: string; games: number; firstGame: string | null; lastGame: string | null; teams: string[] }[];
}

/** Every group of stored players sharing a normalized name, with what tells them apart (games, dates, teams). */
export async function findPlayersSharingNames(pool: Pool): Promise<PlayersSharingName[]> {
  const result = await pool.query<{ normalized_name: string; id: number; name: string; games: number; first_game: string | null; last_game: string | null; teams: string[] | null }>(
    `SELECT p.normalized_name, p.id, p.name, count(s.*)::int AS games, min(s.game_date)::text AS first_game, max(s.game_date)::text AS last_game,
            array_remove(array_agg(DISTINCT t.abbreviation), NULL) AS teams
       FROM players p
       LEFT JOIN player_game_stats s ON s.player_id = p.id
       LEFT JOIN teams t ON t.id = s.team_id
      WHERE p.normalized_name IN (SELECT normalized_name FROM players GROUP BY normalized_name HAVING count(*) > 1)
      GROUP BY p.normalized_name, p.id, p.name
      ORDER BY p.normalized_name, p.id`,
  );
  const groups = new Map<string, PlayersSharingName>();
  for (const r of result.rows) {
    const group = groups.get(r.normalized_name) ?? { name: r.name, players: [] };
    group.players.push({ id: r.id, name: r.name, games: r.games, firstGame: r.first_game, lastGame: r.last_game, teams: r.teams ?? [] });
    groups.set(r.normalized_name, group);
  }
  return [...groups.values()];
}
