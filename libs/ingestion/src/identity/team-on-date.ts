/** A stored game of a player: its date and his team. */
export interface PlayedGame {
  date: string;
  teamId: number;
}

/** How far a stored game may be from a line's date to say whom the player played for then (about a season). */
export const TEAM_EVIDENCE_DAYS = 365;

const daysBetween = (a: string, b: string): number => Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;

/**
 * The team a player played for on `date`: that of his latest stored game on or before it, else of his first one
 * after it, each only when within TEAM_EVIDENCE_DAYS of the date; null otherwise. Without the bound a player retired
 * for years "plays" for his last team, and a loose form of a name ("D. Jones Jr.") could join him to a line of
 * someone else (Derrick Jones Jr.) whose recent games are not stored.
 */
export function teamOnDate(games: readonly PlayedGame[], date: string): number | null {
  let before: PlayedGame | undefined;
  let after: PlayedGame | undefined;
  for (const g of games) {
    if (g.date <= date) before = g;
    else {
      after = g;
      break;
    }
  }
  if (before && daysBetween(before.date, date) <= TEAM_EVIDENCE_DAYS) return before.teamId;
  if (after && daysBetween(after.date, date) <= TEAM_EVIDENCE_DAYS) return after.teamId;
  return null;
}
