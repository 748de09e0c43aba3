import type { Pool } from 'pg';
import type { PlayersRepository } from '../identity/players.repository';

/** Stored players with the same normalized name: namesakes, or one person under two ids (then merge them). */
export interface PlayersSharingName {
  name: string;
  players: { id: number; name: string; games: number; firstGame: string | null; lastGame: string | null; teams: string[] }[];
}

/** Every group of stored players sharing a normalized name, with what tells them apart (games, dates, teams). */
export async function findPlayersSharingNames(players: Pick<PlayersRepository, 'sharingNames'>, pool: Pool): Promise<PlayersSharingName[]> {
  const rows = await players.sharingNames(pool);
  const groups = new Map<string, PlayersSharingName>();
  for (const r of rows) {
    const group = groups.get(r.normalized_name) ?? { name: r.name, players: [] };
    group.players.push({ id: r.id, name: r.name, games: r.games, firstGame: r.first_game, lastGame: r.last_game, teams: r.teams ?? [] });
    groups.set(r.normalized_name, group);
  }
  return [...groups.values()];
}
