import type { PoolClient } from 'pg';
import type { PlayersRepository } from './players.repository';
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
export async function loadPlayerDirectory(players: PlayersRepository, client: PoolClient, ids: readonly number[], names: readonly string[]): Promise<PlayerDirectory> {
  const known = await players.knownIds(client, ids);
  const { players: stored, aliases } = await players.namesAndAliases(client);
  const matcher = new PlayerMatcher(stored, aliases);
  const candidates = [...new Set([...new Set(names)].flatMap((n) => matcher.candidateIds(n)))];
  const history = new Map<number, PlayedGame[]>();
  for (const g of await players.gamesPlayed(client, candidates)) {
    const list = history.get(g.playerId) ?? [];
    list.push({ date: g.date, teamId: g.teamId });
    history.set(g.playerId, list);
  }
  return { matcher, knownIds: known, teamOn: (id, date) => teamOnDate(history.get(id) ?? [], date) };
}
