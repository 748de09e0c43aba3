import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { teamById } from '@propcast/ingestion';
import type { OddsApiBookmaker } from '..';
import { DATA_DIR, type FakeOddsEvent, type FakeUpstreams } from './fake-upstreams';

/** The 20 games of 2018-10-16..19 whose real BoxScoreTraditionalV2 rows are in the shared data. */
export const GAME_IDS = Array.from({ length: 20 }, (_, i) => `00218000${String(i + 1).padStart(2, '0')}`);

/** Real tip-off times (ET) of the games of 2018-10-18 and 19, as the scoreboard shows them before tip-off. */
export const TIPOFFS: Record<string, string> = {
  '0021800014': '7:00 pm ET',
  '0021800015': '7:00 pm ET',
  '0021800016': '10:00 pm ET',
  '0021800017': '7:00 pm ET',
  '0021800018': '7:30 pm ET',
  '0021800019': '7:30 pm ET',
  '0021800020': '8:00 pm ET',
};

/** Who played in a game (real box score) and their points and rebounds: the lines of the fake books are set around them. */
function playersOf(gameId: string): { name: string; team: string; pts: number; reb: number }[] {
  const [header, ...lines] = readFileSync(join(DATA_DIR, 'formats/nba_api_boxscore_traditional_v2', `${gameId}.csv`), 'utf8')
    .trim()
    .split('\n');
  const cols = header.split(',');
  return lines
    .map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])))
    .filter((r) => r['MIN'] !== '')
    .map((r) => ({ name: r['PLAYER_NAME'], team: r['TEAM_ABBREVIATION'], pts: Number(r['PTS']), reb: Number(r['REB']) }));
}

function fullName(teamId: unknown): string {
  const t = teamById(Number(teamId));
  if (!t) throw new Error(`no team ${String(teamId)}`);
  return `${t.city} ${t.name}`;
}

function side(player: string, point: number, overPrice: number) {
  return [
    { name: 'Over', description: player, price: overPrice, point },
    { name: 'Under', description: player, price: -110, point },
  ];
}

/** A tip-off shown as "7:00 pm ET" on `date` (EDT, UTC-4) as an ISO instant. */
export function clockTip(date: string, text: string): string {
  const m = /^(\d+):(\d+) pm ET$/.exec(text) as RegExpExecArray;
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), Number(m[1]) + 12 + 4, Number(m[2]))).toISOString();
}

/**
 * Fake books for the games of a date: points and rebounds lines half a point under what each player really scored;
 * draftkings moves every points line up a point (over at -120) at `moveAt`; fanduel does not move.
 */
export function oddsEvents(up: FakeUpstreams, date: string, moveAt: string): FakeOddsEvent[] {
  const finder = up.finderRows().filter((r) => r['GAME_DATE'] === date);
  const ids = [...new Set(finder.map((r) => String(r['GAME_ID'])))].sort();
  return ids.map((id) => {
    const home = finder.find((r) => r['GAME_ID'] === id && String(r['MATCHUP']).includes('vs.')) as Record<string, unknown>;
    const away = finder.find((r) => r['GAME_ID'] === id && String(r['MATCHUP']).includes('@')) as Record<string, unknown>;
    const tip = clockTip(date, TIPOFFS[id]);
    const players = id === '0021800016' ? [] : playersOf(id);
    const book = (key: string, moved: boolean): OddsApiBookmaker => ({
      key,
      last_update: tip,
      markets: [
        { key: 'player_points', outcomes: players.flatMap((p) => side(p.name, Math.max(0.5, p.pts - 0.5 + (moved ? 1 : 0)), moved ? -120 : -110)) },
        { key: 'player_rebounds', outcomes: players.flatMap((p) => side(p.name, Math.max(0.5, p.reb - 0.5), -110)) },
      ],
    });
    return {
      id: `ev${id}`,
      sport_key: 'basketball_nba',
      commence_time: tip,
      home_team: fullName(home['TEAM_ID']),
      away_team: fullName(away['TEAM_ID']),
      bookmakers: (now) => [book('draftkings', now >= new Date(moveAt)), book('fanduel', false)],
      gameLines: () => [
        {
          key: 'draftkings',
          markets: [
            {
              key: 'spreads',
              outcomes: [
                { name: fullName(home['TEAM_ID']), price: -110, point: -4.5 },
                { name: fullName(away['TEAM_ID']), price: -110, point: 4.5 },
              ],
            },
            {
              key: 'totals',
              outcomes: [
                { name: 'Over', price: -110, point: 221.5 },
                { name: 'Under', price: -110, point: 221.5 },
              ],
            },
          ],
        },
      ],
    };
  });
}

/** The NBA's injury report of 2018-10-18 (CSV) naming Shake Milton (PHI) with `status`. */
export function injuryCsv(status: string): string {
  return ['Game Date,Game Time,Matchup,Team,Player Name,Current Status,Reason', `10/18/2018,07:00 (ET),CHI@PHI,Philadelphia 76ers,"Milton, Shake",${status},G League - Two-Way`].join('\n');
}
