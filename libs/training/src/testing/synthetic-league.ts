import { buildTeamGameLogs, FeatureComputer, type FeatureVector, type PlayerGameLog, type PropLineSnapshot, type PropStat, type TargetGame } from '@propcast/features';
import { seededRandom } from '@propcast/common';

/** Size and shape of a simulated league. */
export interface SyntheticLeagueOptions {
  seed?: number;
  teams?: number;
  playersPerTeam?: number;
  seasons?: number;
  datesPerSeason?: number;
  /** Chance a team plays on a given date. */
  playProbability?: number;
  /** Chance a played player-game gets a real prop line for each stat. */
  lineShare?: number;
  firstSeasonYear?: number;
}

/** A game of the simulated schedule. */
export interface SyntheticGame {
  id: string;
  date: string;
  season: string;
  homeTeamId: number;
  awayTeamId: number;
}

/** A simulated league: schedule, box scores (DNPs included), feature vectors of every player-game, prop lines. */
export interface SyntheticLeague {
  teamIds: number[];
  players: { id: number; teamId: number }[];
  games: SyntheticGame[];
  playerLogs: PlayerGameLog[];
  /** Feature-set v1 vectors, one per player log, in the same order. */
  vectors: FeatureVector[];
  lines: PropLineSnapshot[];
}

interface SimPlayer {
  id: number;
  teamIdx: number;
  minutesMean: number;
  usage: number;
  ptsRate: number;
  rebRate: number;
  astRate: number;
  threeRate: number;
  lastPlayedDay: number;
}

const DAY_MS = 86_400_000;
const isoDay = (base: number, plus: number) => new Date(base + plus * DAY_MS).toISOString().slice(0, 10);

function poisson(lambda: number, random: () => number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(random)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * Simulates a league whose box scores carry signal the v1 features can find and season averages cannot:
 * drifting roles (minutes random walk), opponent defence, home court and back-to-back fatigue; stats are Poisson.
 * Features are computed point-in-time with libs/features' FeatureComputer, as the feature store does.
 */
export function simulateLeague(options: SyntheticLeagueOptions = {}): SyntheticLeague {
  const random = seededRandom(options.seed ?? 7);
  const teams = options.teams ?? 10;
  const perTeam = options.playersPerTeam ?? 10;
  const seasons = options.seasons ?? 2;
  const datesPerSeason = options.datesPerSeason ?? 60;
  const playProbability = options.playProbability ?? 0.7;
  const lineShare = options.lineShare ?? 0;
  const firstYear = options.firstSeasonYear ?? 2018;
  const teamIds = Array.from({ length: teams }, (_, i) => 1610612737 + i);
  const defence = teamIds.map(() => 0.7 + 0.6 * random());
  const sim: SimPlayer[] = [];
  for (let t = 0; t < teams; t++) {
    for (let k = 0; k < perTeam; k++) {
      const usage = Math.exp(0.35 * gaussian(random));
      sim.push({
        id: 1000 + t * perTeam + k,
        teamIdx: t,
        minutesMean: 8 + 28 * random(),
        usage,
        ptsRate: 0.42 * usage,
        rebRate: 0.08 + 0.25 * random(),
        astRate: 0.04 + 0.22 * random(),
        threeRate: 0.09 * random() * usage,
        lastPlayedDay: -10,
      });
    }
  }
  const computer = new FeatureComputer();
  const games: SyntheticGame[] = [];
  const playerLogs: PlayerGameLog[] = [];
  const vectors: FeatureVector[] = [];
  const lines: PropLineSnapshot[] = [];
  let gameCounter = 0;
  for (let s = 0; s < seasons; s++) {
    const year = firstYear + s;
    const season = `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
    const start = Date.UTC(year, 9, 20);
    for (let d = 0; d < datesPerSeason; d++) {
      const date = isoDay(start, d);
      const dayNumber = s * 400 + d;
      const playing = teamIds.map((_, i) => i).filter(() => random() < playProbability);
      for (let i = playing.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [playing[i], playing[j]] = [playing[j], playing[i]];
      }
      const dayLogs: PlayerGameLog[] = [];
      const targets: TargetGame[] = [];
      for (let g = 0; g + 1 < playing.length; g += 2) {
        const [home, away] = [playing[g], playing[g + 1]];
        const id = `002${String(year % 100).padStart(2, '0')}${String(++gameCounter).padStart(5, '0')}`;
        games.push({ id, date, season, homeTeamId: teamIds[home], awayTeamId: teamIds[away] });
        for (const p of sim.filter((x) => x.teamIdx === home || x.teamIdx === away)) {
          const isHome = p.teamIdx === home;
          const opponent = isHome ? away : home;
          p.minutesMean = Math.min(40, Math.max(5, p.minutesMean + 1.5 * gaussian(random)));
          const dnp = random() < 0.04;
          const tired = dayNumber - p.lastPlayedDay === 1 ? 0.85 : 1;
          const minutes = dnp ? 0 : Math.max(1, Math.min(48, p.minutesMean * tired + 3.5 * gaussian(random)));
          const factor = defence[opponent] * (isHome ? 1.06 : 0.94) * minutes;
          const pts = dnp ? 0 : poisson(p.ptsRate * factor, random);
          const reb = dnp ? 0 : poisson(p.rebRate * factor, random);
          const ast = dnp ? 0 : poisson(p.astRate * factor, random);
          const fg3m = dnp ? 0 : Math.min(poisson(p.threeRate * factor, random), Math.floor(pts / 3));
          if (!dnp) p.lastPlayedDay = dayNumber;
          const log: PlayerGameLog = {
            playerId: p.id,
            gameId: id,
            gameDate: date,
            season,
            teamId: teamIds[p.teamIdx],
            opponentTeamId: teamIds[opponent],
            isHome,
            dnp,
            minutes: Number(minutes.toFixed(2)),
            pts,
            reb,
            ast,
            fg3m,
            fgm: Math.round(pts / 2.3),
            fga: Math.round(pts / 1.1),
            fta: Math.round(pts / 4),
            oreb: Math.round(reb / 4),
            tov: dnp ? 0 : poisson(0.05 * p.usage * minutes, random),
          };
          dayLogs.push(log);
          const cutoffAt = new Date(`${date}T23:00:00Z`);
          targets.push({ playerId: p.id, gameId: id, gameDate: date, season, teamId: log.teamId, opponentTeamId: log.opponentTeamId, isHome, cutoffAt });
          if (lineShare > 0 && !dnp) lines.push(...syntheticLines(log, p, factor, lineShare, random));
        }
      }
      if (targets.length > 0)
        vectors.push(
          ...computer.computeDate(
            date,
            targets,
            lines.filter((l) => (l.capturedAt as Date).toISOString().startsWith(date)),
          ),
        );
      playerLogs.push(...dayLogs);
      computer.ingestDate(date, dayLogs, buildTeamGameLogs(dayLogs));
    }
  }
  return { teamIds, players: sim.map((p) => ({ id: p.id, teamId: teamIds[p.teamIdx] })), games, playerLogs, vectors, lines };
}

/** Book lines near the expected value, captured in the morning of the game (before the cutoff). */
function syntheticLines(log: PlayerGameLog, p: SimPlayer, factor: number, share: number, random: () => number): PropLineSnapshot[] {
  const expected: Record<PropStat, number> = {
    POINTS: p.ptsRate * factor,
    REBOUNDS: p.rebRate * factor,
    ASSISTS: p.astRate * factor,
    THREES: p.threeRate * factor,
    PRA: (p.ptsRate + p.rebRate + p.astRate) * factor,
  };
  return (Object.keys(expected) as PropStat[])
    .filter(() => random() < share)
    .map((stat) => ({
      playerId: log.playerId,
      gameId: log.gameId,
      stat,
      line: Math.max(0, Math.floor(expected[stat] + gaussian(random))) + 0.5,
      capturedAt: new Date(`${log.gameDate}T15:00:00Z`),
      book: 'synthbook',
    }));
}
