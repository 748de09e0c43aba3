import { BOX_SCORE_FIELDS, BOX_SCORE_STATS, type BoxScoreRow } from '../formats/box-scores.format';
import type { SeasonType } from '../formats/values';
import { teamById } from '../teams/nba-teams';
import type { DuplicateRule } from './duplicates';
import type { ProblemCollector } from './problems';

/** A game as stored in the `games` table. */
export interface StoredGame {
  id: string;
  gameDate: string;
  homeTeamId: number;
  awayTeamId: number;
  status: 'SCHEDULED' | 'FINAL';
}

/** A game as the batch's rows describe it. */
export interface BatchGame {
  id: string;
  gameDate: string;
  season: string;
  seasonType: SeasonType;
  homeTeamId: number;
  awayTeamId: number;
}

const FIELD_NAMES: Partial<Record<keyof BoxScoreRow, string>> = {
  playerName: 'PLAYER_NAME',
  gameDate: 'GAME_DATE',
  season: 'SEASON',
  seasonType: 'GAME_ID',
  teamId: 'TEAM_ID',
  opponentTeamId: 'MATCHUP',
  isHome: 'MATCHUP',
  started: 'START_POSITION',
  dnp: 'COMMENT',
  comment: 'COMMENT',
  minutes: 'MIN',
  ...Object.fromEntries(BOX_SCORE_STATS.map((s) => [s, BOX_SCORE_FIELDS[s].display])),
};

/** Box-score rows are the same line when player and game match; every value must then agree. */
export function boxScoreDuplicates(): DuplicateRule<BoxScoreRow> {
  // Dense per-batch numbers for games and players make (game, player) one small-integer key: the cheapest map key.
  const games = new Map<string, number>();
  const players = new Map<number, number>();
  const dense = <K>(map: Map<K, number>, k: K): number => {
    let n = map.get(k);
    if (n === undefined) map.set(k, (n = map.size));
    return n;
  };
  return {
    key: (r) => {
      const g = dense(games, r.gameId);
      const p = dense(players, r.playerId);
      return g < 2 ** 14 && p < 2 ** 16 ? g * 2 ** 16 + p : `${r.gameId}:${r.playerId}`;
    },
    fields: ['gameDate', 'season', 'seasonType', 'teamId', 'opponentTeamId', 'isHome', 'started', 'dnp', 'comment', 'minutes', ...BOX_SCORE_STATS],
    fieldName: (f) => FIELD_NAMES[f] ?? String(f),
    describe: (r) => `player ${r.playerId} in game ${r.gameId}`,
  };
}

function abbr(teamId: number): string {
  return teamById(teamId)?.abbreviation ?? String(teamId);
}

/**
 * Makes every row's game consistent: the same date and the same two teams across the batch's rows and with the
 * stored game; fills date, side and opponent for rows that lack them (BoxScoreTraditionalV2) from the batch or the
 * stored game (so its schedule must be imported first). Reports every inconsistency on its row; a stored FINAL game's
 * date never changes (a SCHEDULED one may: the game was postponed and played on the row's date).
 */
export function reconcileGames(rows: BoxScoreRow[], stored: ReadonlyMap<string, StoredGame>, problems: ProblemCollector): void {
  const games = new Map<string, BatchGame & { row: number }>();
  const incomplete: BoxScoreRow[] = [];
  for (const row of rows) {
    if (row.isHome === null || row.opponentTeamId === null) {
      incomplete.push(row);
      continue;
    }
    const home = row.isHome ? row.teamId : row.opponentTeamId;
    const away = row.isHome ? row.opponentTeamId : row.teamId;
    const game = games.get(row.gameId);
    if (!game) {
      // A row contradicting a played game's stored date is reported below; it must not set the date for the others.
      const saved = stored.get(row.gameId);
      if (row.gameDate !== null && saved?.status === 'FINAL' && saved.gameDate !== row.gameDate) continue;
      if (row.gameDate !== null) games.set(row.gameId, { id: row.gameId, gameDate: row.gameDate, season: row.season, seasonType: row.seasonType, homeTeamId: home, awayTeamId: away, row: row.row });
      else incomplete.push(row);
      continue;
    }
    if (game.homeTeamId !== home || game.awayTeamId !== away) {
      problems.add(row.row, 'MATCHUP', `game ${row.gameId} is ${abbr(game.homeTeamId)} (home) vs ${abbr(game.awayTeamId)} in row ${game.row}, but this row makes it ${abbr(home)} vs ${abbr(away)}`);
    }
    if (row.gameDate !== null && row.gameDate !== game.gameDate) {
      problems.add(row.row, 'GAME_DATE', `game ${row.gameId} is dated ${game.gameDate} in row ${game.row}, here ${row.gameDate}`);
    }
  }
  for (const row of incomplete) {
    const known = games.get(row.gameId) ?? stored.get(row.gameId);
    if (!known) {
      problems.add(row.row, row.gameDate === null ? 'GAME_DATE' : 'MATCHUP', `game ${row.gameId} is not in this batch with a date and MATCHUP, nor stored: import its schedule first`);
      continue;
    }
    if (row.teamId !== known.homeTeamId && row.teamId !== known.awayTeamId) {
      problems.add(row.row, 'TEAM_ID', `${abbr(row.teamId)} did not play in game ${row.gameId} (${abbr(known.homeTeamId)} vs ${abbr(known.awayTeamId)})`);
      continue;
    }
    if (row.gameDate !== null && 'row' in known && row.gameDate !== known.gameDate) {
      problems.add(row.row, 'GAME_DATE', `game ${row.gameId} is dated ${known.gameDate} in row ${known.row}, here ${row.gameDate}`);
    }
    row.isHome = row.teamId === known.homeTeamId;
    row.opponentTeamId = row.isHome ? known.awayTeamId : known.homeTeamId;
    row.gameDate ??= known.gameDate;
  }
  for (const row of rows) {
    const saved = stored.get(row.gameId);
    if (!saved) continue;
    // A played game keeps its date: a row dating it elsewhere is a wrong row, not a correction (it would move history).
    if (saved.status === 'FINAL' && row.gameDate !== null && row.gameDate !== saved.gameDate) {
      problems.add(row.row, 'GAME_DATE', `game ${row.gameId} was played on ${saved.gameDate} (stored, FINAL); this row dates it ${row.gameDate}`);
    }
    if (row.opponentTeamId === null) continue;
    const [home, away] = row.isHome ? [row.teamId, row.opponentTeamId] : [row.opponentTeamId, row.teamId];
    if (saved.homeTeamId !== home || saved.awayTeamId !== away) {
      problems.add(row.row, 'MATCHUP', `game ${row.gameId} is stored as ${abbr(saved.homeTeamId)} (home) vs ${abbr(saved.awayTeamId)}; this row makes it ${abbr(home)} vs ${abbr(away)}`);
    }
  }
}

/** The games of the given (valid, reconciled) rows, final by definition since they have box scores. */
export function gamesOfRows(rows: readonly BoxScoreRow[]): BatchGame[] {
  const games = new Map<string, BatchGame>();
  for (const row of rows) {
    if (games.has(row.gameId) || row.gameDate === null || row.opponentTeamId === null) continue;
    games.set(row.gameId, {
      id: row.gameId,
      gameDate: row.gameDate,
      season: row.season,
      seasonType: row.seasonType,
      homeTeamId: row.isHome ? row.teamId : row.opponentTeamId,
      awayTeamId: row.isHome ? row.opponentTeamId : row.teamId,
    });
  }
  return [...games.values()];
}
