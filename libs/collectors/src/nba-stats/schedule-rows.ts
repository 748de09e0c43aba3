/** One game in the columns POST /ingest/schedule reads (Propcast JSON). */
export interface ScheduleGameRow {
  gameId: string;
  gameDate: string;
  homeTeam: number | string;
  awayTeam: number | string;
  tipoffAt?: string;
}

/** ScoreboardV2 GAME_STATUS_ID of a finished game. */
export const GAME_FINAL = 3;

/** "7:30 pm ET" on an Eastern date, as a UTC instant; null when the text is not a time (Final, Halftime, PPD...). */
export function easternTipoff(date: string, statusText: string): Date | null {
  const m = /^\s*(\d{1,2}):(\d{2})\s*([ap])m\s*ET\s*$/i.exec(statusText);
  if (!m) return null;
  const hour = (Number(m[1]) % 12) + (m[3].toLowerCase() === 'p' ? 12 : 0);
  const [y, mo, d] = date.split('-').map(Number);
  for (const offset of [4, 5]) {
    const candidate = new Date(Date.UTC(y, mo - 1, d, hour + offset, Number(m[2])));
    const eastern = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(candidate);
    if (eastern === `${String(hour).padStart(2, '0')}:${m[2]}`) return candidate;
  }
  return null;
}

/** ScoreboardV2 GameHeader rows as schedule rows (teams by NBA TEAM_ID; tip-off from the status text of games to come). */
export function scoreboardScheduleRows(date: string, games: readonly Record<string, unknown>[]): ScheduleGameRow[] {
  return games.map((g) => {
    const tipoff = easternTipoff(date, String(g['GAME_STATUS_TEXT'] ?? ''));
    return {
      gameId: String(g['GAME_ID']),
      gameDate: String(g['GAME_DATE_EST'] ?? date).slice(0, 10),
      homeTeam: g['HOME_TEAM_ID'] as number,
      awayTeam: g['VISITOR_TEAM_ID'] as number,
      ...(tipoff ? { tipoffAt: tipoff.toISOString() } : {}),
    };
  });
}

/** LeagueGameFinder team rows (two per game, MATCHUP "BOS vs. NYK" at home, "NYK @ BOS" away) as one schedule row per game. */
export function gameFinderScheduleRows(rows: readonly Record<string, unknown>[]): ScheduleGameRow[] {
  const games = new Map<string, ScheduleGameRow>();
  for (const r of rows) {
    const m = /^\s*([A-Z]{2,4})\s+(vs\.|@)\s+([A-Z]{2,4})\s*$/.exec(String(r['MATCHUP'] ?? ''));
    if (!m) continue;
    const [home, away] = m[2] === '@' ? [m[3], m[1]] : [m[1], m[3]];
    games.set(String(r['GAME_ID']), { gameId: String(r['GAME_ID']), gameDate: String(r['GAME_DATE']).slice(0, 10), homeTeam: home, awayTeam: away });
  }
  return [...games.values()].sort((a, b) => a.gameDate.localeCompare(b.gameDate) || a.gameId.localeCompare(b.gameId));
}
