import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { PlayerGameLog } from '../types';

/** The real box-score file shared with the repo (see ../shared/data/README.md). */
export const REAL_BOXSCORES = join(process.env['PROPCAST_SHARED_DATA'] ?? resolve(__dirname, '../../../../../shared/data'), 'boxscores/player_boxscores_2012-13_to_2020-21.csv.gz');

type Row = Record<string, string>;

const int = (v: string): number | null => (v === '' ? null : Number(v));

/**
 * Reads the real player box scores of one season type for the given seasons as PlayerGameLogs (dated rows only).
 * Lines are pre-filtered on their leading "SEASON,SEASON_TYPE," so only the slice is CSV-parsed.
 */
export function loadRealPlayerLogs(seasons: readonly string[], seasonType = 'Regular Season'): PlayerGameLog[] {
  const text = gunzipSync(readFileSync(REAL_BOXSCORES)).toString('utf8');
  const lines = text.split('\n');
  const prefixes = seasons.map((s) => `${s},${seasonType},`);
  const slice = [lines[0], ...lines.filter((l) => prefixes.some((p) => l.startsWith(p)))].join('\n');
  const rows = (parse(slice, { columns: true }) as Row[]).filter((r) => r.GAME_DATE !== '');
  const teamIdByAbbr = new Map(rows.map((r) => [`${r.SEASON}:${r.TEAM_ABBREVIATION}`, Number(r.TEAM_ID)]));
  return rows.map((r) => {
    const opponentTeamId = teamIdByAbbr.get(`${r.SEASON}:${r.OPP_TEAM_ABBREVIATION}`);
    if (opponentTeamId === undefined) throw new Error(`unknown opponent ${r.OPP_TEAM_ABBREVIATION} in ${r.GAME_ID}`);
    return {
      playerId: Number(r.PLAYER_ID),
      gameId: r.GAME_ID,
      gameDate: r.GAME_DATE,
      season: r.SEASON,
      teamId: Number(r.TEAM_ID),
      opponentTeamId,
      isHome: r.IS_HOME === '1',
      dnp: r.DNP === '1',
      minutes: r.MIN === '' ? 0 : Number(r.MIN),
      pts: int(r.PTS),
      reb: int(r.REB),
      ast: int(r.AST),
      fg3m: int(r.FG3M),
      fgm: int(r.FGM),
      fga: int(r.FGA),
      fta: int(r.FTA),
      oreb: int(r.OREB),
      tov: int(r.TO),
    };
  });
}
