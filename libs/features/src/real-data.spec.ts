import { ReferenceFeatures, idx, mismatches } from './testing/reference-features';
import { loadRealPlayerLogs } from './testing/real-boxscores';
import { FeatureComputer } from './feature-computer';
import { buildTeamGameLogs } from './team-game-logs';
import type { FeatureVector, PlayerGameLog, TargetGame, TeamGameLog } from './types';

const HARDEN = 201935;

describe('real 2018-19 regular season box scores', () => {
  const playerLogs = loadRealPlayerLogs(['2018-19']);
  const teamLogs = buildTeamGameLogs(playerLogs);
  const targets: TargetGame[] = playerLogs.map((l) => ({
    playerId: l.playerId,
    gameId: l.gameId,
    gameDate: l.gameDate,
    season: l.season,
    teamId: l.teamId,
    opponentTeamId: l.opponentTeamId,
    isHome: l.isHome,
    cutoffAt: new Date(`${l.gameDate}T16:00:00Z`),
  }));

  const vectors: FeatureVector[] = [];
  const fc = new FeatureComputer();
  const days = new Map<string, { targets: TargetGame[]; players: PlayerGameLog[]; teams: TeamGameLog[] }>();
  const day = (d: string) => days.get(d) ?? days.set(d, { targets: [], players: [], teams: [] }).get(d)!;
  targets.forEach((t, i) => {
    day(t.gameDate).targets.push(t);
    day(t.gameDate).players.push(playerLogs[i]);
  });
  for (const t of teamLogs) day(t.gameDate).teams.push(t);
  for (const date of [...days.keys()].sort()) {
    const d = days.get(date)!;
    vectors.push(...fc.computeDate(date, d.targets));
    fc.ingestDate(date, d.players, d.teams);
  }

  it('derives consistent team totals: 1,230 games, each side allowed what the other scored', () => {
    expect(teamLogs).toHaveLength(2460);
    const byKey = new Map(teamLogs.map((t) => [`${t.gameId}:${t.teamId}`, t]));
    for (const t of teamLogs) expect(t.oppPts).toBe(byKey.get(`${t.gameId}:${t.opponentTeamId}`)?.pts);
  });

  it("reproduces Harden's season before his last regular-season game", () => {
    const games = playerLogs.filter((l) => l.playerId === HARDEN && !l.dnp && l.minutes > 0).sort((a, b) => a.gameDate.localeCompare(b.gameDate));
    expect(games).toHaveLength(78);
    const last = games[games.length - 1];
    const v = vectors.find((x) => x.playerId === HARDEN && x.gameId === last.gameId)!.values;
    const before = games.slice(0, -1);
    expect(v[idx('games_played_season')]).toBe(77);
    expect(v[idx('points_season_avg')]).toBeCloseTo(before.reduce((s, g) => s + (g.pts as number), 0) / 77, 4);
    expect(v[idx('points_season_avg')]).toBeGreaterThan(35);
    const prev = before[before.length - 1];
    expect(v[idx('rest_days')]).toBe((Date.parse(last.gameDate) - Date.parse(prev.gameDate)) / 86_400_000);
  });

  it('matches the naive reference on a sample of real player-games', () => {
    const reference = new ReferenceFeatures(playerLogs, teamLogs, []);
    const failures: string[] = [];
    let checked = 0;
    vectors.forEach((v, i) => {
      if (i % 61 !== 0) return;
      const t = targets.find((x) => x.playerId === v.playerId && x.gameId === v.gameId)!;
      checked++;
      for (const m of mismatches(v.values, reference.compute(t))) failures.push(`${v.playerId}/${v.gameId} ${m}`);
    });
    expect(checked).toBeGreaterThan(400);
    expect(failures.slice(0, 20)).toEqual([]);
  });
});
