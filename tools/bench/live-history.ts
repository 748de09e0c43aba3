/**
 * Synthetic box-score history for bench:live: 30 teams with fixed rosters play a round robin (15 games a day) for
 * `days` days before the game date, then 15 SCHEDULED games on it. The feature store computes the day's rows from it
 * (rosters of the teams' last games), so a news recompute has real state to restore and real rows to rewrite.
 * Synthetic, not the real NBA history: seeding ten real seasons takes minutes and their players are not the slate's.
 */
import { seededRandom } from '@propcast/common';
import type { SeedGame } from '@propcast/feature-pipeline/testing';
import type { PlayerGameLog } from '@propcast/features';

const FIRST_TEAM_ID = 1610612737;
const TEAMS = 30;
const FIRST_PLAYER_ID = 1000;

/** What to seed: the history's box scores and the game date's schedule. */
export interface LiveHistory {
  logs: PlayerGameLog[];
  games: SeedGame[];
  playerIds: number[];
}

/** The pairs of team indexes of round `r` of a 30-team round robin (circle method: team 0 fixed, the others rotate). */
function round(r: number): [number, number][] {
  const others = Array.from({ length: TEAMS - 1 }, (_, i) => 1 + ((i + r) % (TEAMS - 1)));
  const ring = [0, ...others];
  const pairs: [number, number][] = [];
  for (let i = 0; i < TEAMS / 2; i++) pairs.push(r % 2 === 0 ? [ring[i], ring[TEAMS - 1 - i]] : [ring[TEAMS - 1 - i], ring[i]]);
  return pairs;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** `players` players spread over 30 teams, `days` days of box scores before `gameDate`, and its 15 games. */
export function liveHistory(opts: { gameDate: string; players: number; days: number; season: string; tipoffAt: Date; seed?: number }): LiveHistory {
  const random = seededRandom(opts.seed ?? 17);
  const rosters: number[][] = Array.from({ length: TEAMS }, () => []);
  const playerIds: number[] = [];
  for (let p = 0; p < opts.players; p++) {
    rosters[p % TEAMS].push(FIRST_PLAYER_ID + p);
    playerIds.push(FIRST_PLAYER_ID + p);
  }
  // Per player: minutes and per-minute rates (a starter plays 30-36, the bench 10-24).
  const level = new Map<number, { minutes: number; pts: number; reb: number; ast: number; fg3: number }>();
  for (const roster of rosters) {
    roster.forEach((id, i) =>
      level.set(id, { minutes: i < 5 ? 30 + random() * 6 : 10 + random() * 14, pts: 0.3 + random() * 0.5, reb: 0.1 + random() * 0.3, ast: 0.05 + random() * 0.25, fg3: random() * 0.1 }),
    );
  }
  const logs: PlayerGameLog[] = [];
  const games: SeedGame[] = [];
  const gameId = (day: number, g: number) => `00226${String(day * 15 + g + 1).padStart(5, '0')}`;
  for (let day = 0; day <= opts.days; day++) {
    const date = addDays(opts.gameDate, day - opts.days);
    round(day).forEach(([h, a], g) => {
      const id = gameId(day, g);
      if (day === opts.days) {
        games.push({ id, gameDate: date, season: opts.season, homeTeamId: FIRST_TEAM_ID + h, awayTeamId: FIRST_TEAM_ID + a, tipoffAt: opts.tipoffAt });
        return;
      }
      for (const [team, opp, isHome] of [
        [h, a, true],
        [a, h, false],
      ] as const) {
        rosters[team].forEach((playerId, i) => {
          const l = level.get(playerId)!;
          const dnp = random() < 0.05;
          const minutes = dnp ? 0 : Math.max(1, Math.round((l.minutes + (random() - 0.5) * 8) * 10) / 10);
          const draw = (rate: number) => (dnp ? null : Math.max(0, Math.round(rate * minutes * (0.6 + random() * 0.8))));
          const pts = draw(l.pts);
          const fga = dnp ? null : Math.max(0, Math.round(((pts ?? 0) / 2.2) * (0.9 + random() * 0.3)));
          logs.push({
            playerId,
            gameId: id,
            gameDate: date,
            season: opts.season,
            teamId: FIRST_TEAM_ID + team,
            opponentTeamId: FIRST_TEAM_ID + opp,
            isHome,
            dnp,
            started: i < 5,
            minutes,
            pts,
            reb: draw(l.reb),
            ast: draw(l.ast),
            fg3m: draw(l.fg3),
            fgm: fga === null ? null : Math.round(fga * 0.47),
            fga,
            fta: draw(0.08),
            oreb: draw(0.04),
            tov: draw(0.05),
          });
        });
      }
    });
  }
  return { logs, games, playerIds };
}
