import { buildTeamGameLogs } from '../team-game-logs';
import type { PlayerGameLog, PropLineSnapshot, PropStat, TargetGame, TeamGameLog } from '../types';
import { PROP_STATS } from '../types';

import { seededRandom } from '@propcast/common';

export interface LeagueOptions {
  seed?: number;
  teams?: number;
  rosterSize?: number;
  seasons?: string[];
  datesPerSeason?: number;
  /** Probability that a played stat is published as null. */
  nullRate?: number;
  /** Probability that a target gets prop line snapshots. */
  lineRate?: number;
}

export interface SyntheticLeague {
  playerLogs: PlayerGameLog[];
  teamLogs: TeamGameLog[];
  targets: TargetGame[];
  lines: PropLineSnapshot[];
  dates: string[];
}

interface Player {
  id: number;
  teamIdx: number;
  minutes: number;
  ptsRate: number;
  rebRate: number;
  astRate: number;
  threeRate: number;
}

function isoDay(start: string, plusDays: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10);
}

/** Generates a league with schedules, box scores (DNPs and some unknown stats), team totals, targets and prop lines. */
export function generateLeague(opts: LeagueOptions = {}): SyntheticLeague {
  const rand = seededRandom(opts.seed ?? 7);
  const teamCount = opts.teams ?? 30;
  const rosterSize = opts.rosterSize ?? 13;
  const seasons = opts.seasons ?? ['2018-19', '2019-20'];
  const datesPerSeason = opts.datesPerSeason ?? 60;
  const nullRate = opts.nullRate ?? 0.01;
  const lineRate = opts.lineRate ?? 0.3;
  const teamId = (i: number) => 1610612737 + i;
  const players: Player[] = [];
  for (let t = 0; t < teamCount; t++) {
    for (let k = 0; k < rosterSize; k++) {
      players.push({
        id: 200000 + t * 100 + k,
        teamIdx: t,
        minutes: k < 5 ? 28 + rand() * 10 : 6 + rand() * 18,
        ptsRate: 0.3 + rand() * 0.5,
        rebRate: 0.1 + rand() * 0.3,
        astRate: 0.05 + rand() * 0.25,
        threeRate: rand() * 0.1,
      });
    }
  }
  const stat = (v: number) => (rand() < nullRate ? null : v);
  const playerLogs: PlayerGameLog[] = [];
  const targets: TargetGame[] = [];
  const lines: PropLineSnapshot[] = [];
  const dates: string[] = [];
  seasons.forEach((season, si) => {
    if (si > 0) for (const p of players) if (rand() < 0.1) p.teamIdx = Math.floor(rand() * teamCount);
    const start = `${2018 + si}-10-16`;
    for (let d = 0; d < datesPerSeason; d++) {
      const date = isoDay(start, d + Math.floor(d / 6));
      dates.push(date);
      const order = shuffled(teamCount, rand);
      const games = 3 + Math.floor(rand() * (teamCount / 2 - 3));
      for (let g = 0; g < games; g++) {
        const home = order[2 * g];
        const away = order[2 * g + 1];
        const gameId = `00${si + 2}${String(d).padStart(4, '0')}${String(g).padStart(3, '0')}`;
        for (const [teamIdx, oppIdx, isHome] of [
          [home, away, true],
          [away, home, false],
        ] as const) {
          for (const p of players) {
            if (p.teamIdx !== teamIdx) continue;
            const dnp = rand() < 0.1;
            const minutes = dnp ? 0 : Math.max(0, Math.round((p.minutes + (rand() - 0.5) * 12) * 100) / 100);
            const fga = Math.round(minutes * p.ptsRate * 0.8 * (0.6 + rand() * 0.8));
            const fta = Math.round(minutes * 0.1 * rand());
            const fg3m = Math.round(minutes * p.threeRate * rand() * 2);
            const fgm = Math.min(fga, Math.round(fga * (0.35 + rand() * 0.2)) + fg3m);
            const log: PlayerGameLog = {
              playerId: p.id,
              gameId,
              gameDate: date,
              season,
              teamId: teamId(teamIdx),
              opponentTeamId: teamId(oppIdx),
              isHome,
              dnp,
              minutes,
              pts: dnp ? null : stat(2 * fgm + fg3m + Math.round(fta * 0.75)),
              reb: dnp ? null : stat(Math.round(minutes * p.rebRate * (0.5 + rand()))),
              ast: dnp ? null : stat(Math.round(minutes * p.astRate * (0.5 + rand()))),
              fg3m: dnp ? null : stat(fg3m),
              fgm: dnp ? null : fgm,
              fga: dnp ? null : stat(fga),
              fta: dnp ? null : fta,
              oreb: dnp ? null : Math.round(minutes * 0.03 * rand()),
              tov: dnp ? null : Math.round(minutes * 0.08 * rand()),
            };
            playerLogs.push(log);
            const cutoffAt = new Date(`${date}T23:00:00Z`);
            targets.push({ playerId: p.id, gameId, gameDate: date, season, teamId: log.teamId, opponentTeamId: log.opponentTeamId, isHome, cutoffAt });
            if (rand() < lineRate) lines.push(...snapshots(rand, p.id, gameId, cutoffAt));
          }
        }
      }
    }
  });
  return { playerLogs, teamLogs: buildTeamGameLogs(playerLogs), targets, lines, dates };
}

function shuffled(n: number, rand: () => number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function snapshots(rand: () => number, playerId: number, gameId: string, cutoffAt: Date): PropLineSnapshot[] {
  const out: PropLineSnapshot[] = [];
  for (const stat of PROP_STATS as PropStat[]) {
    const n = Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) {
      const capturedAt = new Date(cutoffAt.getTime() + Math.round((rand() - 0.8) * 36) * 3_600_000);
      out.push({ playerId, gameId, stat, line: Math.round(rand() * 60) / 2, capturedAt: rand() < 0.5 ? capturedAt : capturedAt.toISOString(), book: rand() < 0.5 ? 'fanduel' : 'draftkings' });
    }
  }
  return out;
}

export interface LeagueDay {
  date: string;
  targets: TargetGame[];
  playerLogs: PlayerGameLog[];
  teamLogs: TeamGameLog[];
  lines: PropLineSnapshot[];
}

/** Splits a league into chronological days, as a backfill reads them. */
export function byDate(league: SyntheticLeague): LeagueDay[] {
  const days = new Map<string, LeagueDay>();
  const day = (date: string) => {
    let d = days.get(date);
    if (d === undefined) {
      d = { date, targets: [], playerLogs: [], teamLogs: [], lines: [] };
      days.set(date, d);
    }
    return d;
  };
  const dateOfGame = new Map<string, string>();
  for (const t of league.targets) {
    day(t.gameDate).targets.push(t);
    dateOfGame.set(t.gameId, t.gameDate);
  }
  for (const l of league.playerLogs) day(l.gameDate).playerLogs.push(l);
  for (const l of league.teamLogs) day(l.gameDate).teamLogs.push(l);
  for (const l of league.lines) day(dateOfGame.get(l.gameId) as string).lines.push(l);
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}
