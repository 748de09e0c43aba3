import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { PlayerGameLog } from '@propcast/features';

/** The real box-score file shared with the repository (see ../shared/data/README.md). */
export const REAL_BOXSCORES_CSV = join(process.env['PROPCAST_SHARED_DATA'] ?? resolve(__dirname, '../../../../../shared/data'), 'boxscores/player_boxscores_2012-13_to_2020-21.csv.gz');

/** Which rows to read: a date range (inclusive) and whether DNP rows are dropped. */
export interface RealBoxScoreFilter {
  from?: string;
  to?: string;
  playedOnly?: boolean;
}

const num = (v: string): number | null => (v === '' ? null : Number(v));

/**
 * Reads the real box scores as PlayerGameLogs (dated rows only, file order). Opponents come from the other team
 * of the same game, or from the season's abbreviation when only one side is in the file; unknown foreign
 * preseason opponents get stable made-up ids above 1,000,000.
 */
export function loadRealBoxScores(filter: RealBoxScoreFilter = {}, path = REAL_BOXSCORES_CSV): PlayerGameLog[] {
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
  const header = lines[0].split(',');
  const col = Object.fromEntries(header.map((h, i) => [h, i])) as Record<string, number>;
  const from = filter.from ?? '0000-00-00';
  const to = filter.to ?? '9999-99-99';
  const rows: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const date = line.split(',', col.GAME_DATE + 1)[col.GAME_DATE];
    if (!date || date < from || date > to) continue;
    const cells = line.includes('"') ? (parse(line) as string[][])[0] : line.split(',');
    if (filter.playedOnly && (cells[col.DNP] === '1' || !(Number(cells[col.MIN]) > 0))) continue;
    rows.push(cells);
  }
  const teamsOfGame = new Map<string, Set<number>>();
  const teamByAbbr = new Map<string, number>();
  for (const r of rows) {
    const teamId = Number(r[col.TEAM_ID]);
    teamByAbbr.set(`${r[col.SEASON]}:${r[col.TEAM_ABBREVIATION]}`, teamId);
    const set = teamsOfGame.get(r[col.GAME_ID]) ?? new Set<number>();
    set.add(teamId);
    teamsOfGame.set(r[col.GAME_ID], set);
  }
  const madeUp = new Map<string, number>();
  const opponentOf = (r: string[]): number => {
    const teamId = Number(r[col.TEAM_ID]);
    const other = [...(teamsOfGame.get(r[col.GAME_ID]) ?? [])].find((t) => t !== teamId);
    if (other !== undefined) return other;
    const abbr = r[col.OPP_TEAM_ABBREVIATION];
    const known = teamByAbbr.get(`${r[col.SEASON]}:${abbr}`);
    if (known !== undefined) return known;
    if (!madeUp.has(abbr)) madeUp.set(abbr, 1_000_000 + [...abbr].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 999_983, 7));
    return madeUp.get(abbr) as number;
  };
  return rows.map((r) => ({
    playerId: Number(r[col.PLAYER_ID]),
    gameId: r[col.GAME_ID],
    gameDate: r[col.GAME_DATE],
    season: r[col.SEASON],
    teamId: Number(r[col.TEAM_ID]),
    opponentTeamId: opponentOf(r),
    isHome: r[col.IS_HOME] === '1',
    dnp: r[col.DNP] === '1',
    minutes: r[col.MIN] === '' ? 0 : Number(r[col.MIN]),
    pts: num(r[col.PTS]),
    reb: num(r[col.REB]),
    ast: num(r[col.AST]),
    fg3m: num(r[col.FG3M]),
    fgm: num(r[col.FGM]),
    fga: num(r[col.FGA]),
    fta: num(r[col.FTA]),
    oreb: num(r[col.OREB]),
    tov: num(r[col.TO]),
  }));
}
