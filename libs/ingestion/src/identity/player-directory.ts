import type { PoolClient } from 'pg';
import { PlayerMatcher, type TeamOn } from './player-matcher';
import { teamOnDate, type PlayedGame } from './team-on-date';

/** What matching a batch's players needs from the database: the matcher, the known ids, and teams by date. */
export interface PlayerDirectory {
  matcher: PlayerMatcher;
  /** Stored player ids among those the feed gave. */
  knownIds: Set<number>;
  teamOn: TeamOn;
}

/**
 * Loads every stored player and alias (a few thousand rows) and, for the players the batch's names may mean beyond
 * a single exact match, their stored games (date, team) to tell by team which one played a game.
 */
export async function loadPlayerDirectory(client: PoolClient, ids: readonly number[], names: readonly string[]): Promise<PlayerDirectory> {
  const known = await client.query<{ id: number }>(`SELECT id FROM players WHERE id = ANY($1::int[])`, [[...new Set(ids)]]);
  const players = await client.query<{ id: number; name: string; normalized_name: string }>(`SELECT id, name, normalized_name FROM players`);
  const aliases = await client.query<{ alias: string; book: string; player_id: number }>(`SELECT alias, book, player_id FROM player_aliases`);
  const matcher = new PlayerMatcher(
    players.rows.map((p) => ({ id: p.id, name: p.name, normalizedName: p.normalized_name })),
    aliases.rows.map((a) => ({ alias: a.alias, book: a.book, playerId: a.player_id })),
  );
  const candidates = [...new Set([...new Set(names)].flatMap((n) => matcher.candidateIds(n)))];
  const history = new Map<number, PlayedGame[]>();
  if (candidates.length > 0) {
    const games = await client.query<{ player_id: number; game_date: string; team_id: number }>(
      `SELECT player_id, game_date::text AS game_date, team_id FROM player_game_stats WHERE player_id = ANY($1::int[]) AND game_date IS NOT NULL ORDER BY player_id, game_date`,
      [candidates],
    );
    for (const g of games.rows) {
      const list = history.get(g.player_id) ?? [];
      list.push({ date: g.game_date, teamId: g.team_id });
      history.set(g.player_id, list);
    }
  }
  return { matcher, knownIds: new Set(known.rows.map((r) => r.id)), teamOn: (id, date) => teamOnDate(history.get(id) ?? [], date) };
}
