/** The lowest NBA TEAM_ID: the 30 franchises are 1610612737 to 1610612766. */
const FIRST_TEAM_ID = 1610612737;
/** Derived game numbers start here: far above every number the NBA issues (regular season 00001-01230, play-in and playoffs below 01000). */
const DERIVED_BASE = 50_000;

/**
 * A GAME_ID for box-score rows whose source has none (player game logs such as the 2024-25 set), derived from what
 * identifies an NBA game: its date and its home team (a team plays at most once a day). It is NBA-shaped, so the rest
 * of the system reads season and type from it as from any other id:
 *
 *   002 (regular season: sources without ids are game logs) + YY (season start year)
 *   + 5 digits = 50000 + 100 × (days since 1 August of the start year) + (home TEAM_ID − 1610612737)
 *
 * Every player of the game gets the same id from any file, and it never collides with an NBA-issued id. Seasons start
 * on 1 August here (the 2020 bubble playoffs ran to October: rows of those need a real GAME_ID).
 */
export function deriveGameId(gameDate: string, homeTeamId: number): string {
  const [year, month, day] = gameDate.split('-').map(Number);
  const startYear = month >= 8 ? year : year - 1;
  const days = Math.round((Date.UTC(year, month - 1, day) - Date.UTC(startYear, 7, 1)) / 86_400_000);
  const team = homeTeamId - FIRST_TEAM_ID;
  if (!(team >= 0 && team < 30)) throw new RangeError(`${homeTeamId} is not an NBA TEAM_ID`);
  const number = DERIVED_BASE + 100 * days + team;
  return `002${String(startYear % 100).padStart(2, '0')}${String(number).padStart(5, '0')}`;
}

/** True for an id deriveGameId made (its game number is in the derived range). */
export function isDerivedGameId(gameId: string): boolean {
  return /^\d{10}$/.test(gameId) && Number(gameId.slice(5)) >= DERIVED_BASE;
}
