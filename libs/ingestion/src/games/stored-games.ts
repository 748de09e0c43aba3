import { teamById } from '../teams/nba-teams';
import type { ProblemCollector } from '../validation/problems';

/** A stored game as line and report imports match it: by id, or by date and teams. */
export interface MatchableGame {
  id: string;
  gameDate: string;
  homeTeamId: number;
  awayTeamId: number;
  tipoffAt: Date | null;
}

/** Stored games by id and by date. */
export interface StoredGames {
  byId: Map<string, MatchableGame>;
  byDate: Map<string, MatchableGame[]>;
}

const abbr = (id: number | null): string => (id === null ? '?' : (teamById(id)?.abbreviation ?? String(id)));

/** What a row says about its game: an id, or a date with home and away teams (or one team playing that day). */
export interface GameReference {
  row: number;
  gameId: string | null;
  gameDate: string | null;
  homeTeamId: number | null;
  awayTeamId: number | null;
  /** One team of the game, when the row names no home/away pair. */
  teamId?: number | null;
}

/** The stored game a row refers to, or undefined with the problem recorded on the row (field names as the caller's format shows them). */
export function matchGame(ref: GameReference, games: StoredGames, problems: ProblemCollector, fields: { gameId: string; game: string; gameDate: string }): MatchableGame | undefined {
  if (ref.gameId !== null) {
    const game = games.byId.get(ref.gameId);
    if (!game) problems.add(ref.row, fields.gameId, `game ${ref.gameId} is not stored: import the schedule or box scores first`);
    else if (ref.homeTeamId !== null && ref.awayTeamId !== null && (game.homeTeamId !== ref.homeTeamId || game.awayTeamId !== ref.awayTeamId)) {
      problems.add(ref.row, fields.game, `game ${ref.gameId} is ${abbr(game.awayTeamId)} @ ${abbr(game.homeTeamId)}, not ${abbr(ref.awayTeamId)} @ ${abbr(ref.homeTeamId)}`);
      return undefined;
    }
    return game;
  }
  const sameDay = games.byDate.get(ref.gameDate ?? '') ?? [];
  const pair = ref.homeTeamId !== null && ref.awayTeamId !== null;
  const matches = sameDay.filter((g) => (pair ? g.homeTeamId === ref.homeTeamId && g.awayTeamId === ref.awayTeamId : g.homeTeamId === ref.teamId || g.awayTeamId === ref.teamId));
  if (matches.length === 1) return matches[0];
  const who = pair ? `${abbr(ref.awayTeamId)} @ ${abbr(ref.homeTeamId)}` : abbr(ref.teamId ?? null);
  problems.add(ref.row, pair ? fields.game : fields.gameDate, `no stored game of ${who} on ${ref.gameDate}: import the schedule or box scores first`);
  return undefined;
}
