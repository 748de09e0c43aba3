import { byDate, generateLeague } from './testing/synthetic-league';
import { idx } from './testing/reference-features';
import { computeFeatures } from './compute-features';
import { encodeFeatureValues } from './feature-codec';
import { FeatureComputer } from './feature-computer';
import type { GameHistory, PlayerGameLog, PropLineSnapshot, TargetGame } from './types';

const league = generateLeague({ seed: 11, teams: 8, rosterSize: 10, datesPerSeason: 40, nullRate: 0 });
const history: GameHistory = { playerLogs: league.playerLogs, teamLogs: league.teamLogs };

const isPlayed = (l: PlayerGameLog) => !l.dnp && l.minutes > 0;
// a played game late in the second season whose player has met this opponent before
const target: TargetGame = league.targets.find((t, i) => {
  const l = league.playerLogs[i];
  return (
    t.season === '2019-20' &&
    t.gameDate > league.dates[league.dates.length - 15] &&
    isPlayed(l) &&
    league.playerLogs.some((p) => p.playerId === t.playerId && p.opponentTeamId === t.opponentTeamId && p.gameDate < t.gameDate && isPlayed(p))
  );
}) as TargetGame;

function bytes(h: GameHistory, lines: PropLineSnapshot[] = []): Buffer {
  return encodeFeatureValues(computeFeatures(h, [target], lines)[0].values);
}

function mutated(edit: (h: GameHistory) => void): GameHistory {
  const copy = structuredClone({ playerLogs: [...history.playerLogs], teamLogs: [...history.teamLogs] }) as GameHistory;
  edit(copy);
  return copy;
}

const base = bytes(history);

describe('point-in-time correctness', () => {
  it('found a meaningful target', () => {
    expect(target).toBeDefined();
    const v = computeFeatures(history, [target])[0].values;
    expect(v[idx('points_avg_vs_opp')]).not.toBeNaN();
    expect(v[idx('opp_allowed_points_last15')]).not.toBeNaN();
  });

  it("ignores the target game's own stats and every later game (bit-identical)", () => {
    const h = mutated((c) => {
      for (const l of c.playerLogs) {
        if (l.gameDate >= target.gameDate) Object.assign(l, { pts: 99, reb: 99, ast: 99, fg3m: 99, minutes: 48, fga: 99, dnp: false });
      }
    });
    expect(bytes(h)).toEqual(base);
  });

  it('ignores games of other players and teams on the same date (only strictly earlier dates count)', () => {
    const h = mutated((c) => {
      for (const l of c.teamLogs) if (l.gameDate === target.gameDate) Object.assign(l, { fga: 500, oppPts: 500, oppReb: 500, oppAst: 500 });
      for (const l of c.playerLogs) if (l.gameDate === target.gameDate) l.pts = 77;
    });
    expect(bytes(h)).toEqual(base);
  });

  it('ignores later opponent and team games but reacts to earlier ones', () => {
    const later = mutated((c) => {
      for (const l of c.teamLogs) if (l.gameDate >= target.gameDate) Object.assign(l, { fga: 1, fta: 1, oppPts: 1, oppReb: 1, oppAst: 1 });
    });
    expect(bytes(later)).toEqual(base);

    const lastOppGame = (c: GameHistory) =>
      c.teamLogs
        .filter((l) => l.teamId === target.opponentTeamId && l.gameDate < target.gameDate)
        .sort((a, b) => a.gameDate.localeCompare(b.gameDate))
        .pop();
    const earlier = mutated((c) => {
      const g = lastOppGame(c);
      if (g === undefined) throw new Error('opponent has no earlier game');
      g.oppPts = (g.oppPts as number) + 30;
    });
    const before = computeFeatures(history, [target])[0].values;
    const after = computeFeatures(earlier, [target])[0].values;
    expect(after[idx('opp_allowed_points_last15')]).toBeCloseTo(before[idx('opp_allowed_points_last15')] + 2, 4);
    expect(after[idx('opp_allowed_rebounds_last15')]).toBe(before[idx('opp_allowed_rebounds_last15')]);
    expect(after[idx('points_avg_last3')]).toBe(before[idx('points_avg_last3')]);

    const ownTeam = mutated((c) => {
      const g = c.teamLogs.filter((l) => l.teamId === target.teamId && l.gameDate < target.gameDate).pop();
      if (g === undefined) throw new Error('team has no earlier game');
      g.fga = (g.fga as number) + 50;
    });
    expect(computeFeatures(ownTeam, [target])[0].values[idx('team_pace_last10')]).not.toBe(before[idx('team_pace_last10')]);
  });

  it("changes when one of the player's earlier games changes", () => {
    const h = mutated((c) => {
      const prev = c.playerLogs.filter((l) => l.playerId === target.playerId && l.gameDate < target.gameDate && isPlayed(l)).pop() as PlayerGameLog;
      prev.pts = (prev.pts as number) + 9;
    });
    expect(bytes(h)).not.toEqual(base);
    const before = computeFeatures(history, [target])[0].values;
    const after = computeFeatures(h, [target])[0].values;
    expect(after[idx('points_avg_last3')]).toBeCloseTo(before[idx('points_avg_last3')] + 3, 4);
    expect(after[idx('rebounds_avg_last3')]).toBe(before[idx('rebounds_avg_last3')]);
  });

  it('never lets a line captured at or after the cutoff reach a feature; one captured before does', () => {
    const at = (ms: number): PropLineSnapshot => ({ playerId: target.playerId, gameId: target.gameId, stat: 'POINTS', line: 21.5, capturedAt: new Date(target.cutoffAt.getTime() + ms), book: 'x' });
    expect(bytes(history, [at(0), at(1), at(86_400_000)])).toEqual(base);
    const withEarly = computeFeatures(history, [target], [at(-1), at(0), at(60_000)])[0].values;
    expect(withEarly[idx('line_points')]).toBe(21.5);
    const later = { ...at(-1), line: 25.5, capturedAt: new Date(target.cutoffAt.getTime() + 1).toISOString() };
    expect(computeFeatures(history, [target], [at(-1), later])[0].values[idx('line_points')]).toBe(21.5);
  });

  it('gives the same bytes whether history holds the future or stops the day before', () => {
    const day = league.dates[league.dates.length - 5];
    const targets = league.targets.filter((t) => t.gameDate === day);
    const truncated: GameHistory = { playerLogs: league.playerLogs.filter((l) => l.gameDate < day), teamLogs: league.teamLogs.filter((l) => l.gameDate < day) };
    const full = computeFeatures(history, targets, league.lines).map((v) => encodeFeatureValues(v.values));
    const cut = computeFeatures(truncated, targets, league.lines).map((v) => encodeFeatureValues(v.values));
    expect(full).toEqual(cut);
  });

  it('gives the same bytes in a date-by-date backfill and in one-shot computation', () => {
    const fc = new FeatureComputer();
    const backfill = new Map<string, Buffer>();
    for (const day of byDate(league)) {
      for (const v of fc.computeDate(day.date, day.targets, day.lines)) backfill.set(`${v.playerId}:${v.gameId}`, encodeFeatureValues(v.values));
      fc.ingestDate(day.date, day.playerLogs, day.teamLogs);
    }
    const sample = league.targets.filter((_, i) => i % 97 === 0);
    const oneShot = computeFeatures(history, sample, league.lines);
    expect(oneShot.map((v) => v.gameId)).toEqual(sample.map((t) => t.gameId));
    for (const v of oneShot) expect(encodeFeatureValues(v.values)).toEqual(backfill.get(`${v.playerId}:${v.gameId}`));
  });
});
