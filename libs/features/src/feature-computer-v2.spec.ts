import { buildTeamGameLogs } from './team-game-logs';
import { computeFeatures } from './compute-features';
import { FeatureComputer } from './feature-computer';
import { FeatureComputerV2 } from './feature-computer-v2';
import { FeatureSetV1 } from './feature-set-v1';
import { FeatureSetV2 } from './feature-set-v2';
import { FeatureSetV3 } from './feature-set-v3';
import { InvalidFeatureInputError } from './errors';
import type { AvailabilityReport, GameLineSnapshot, PlayerGameLog, PregameContext, PropLineSnapshot, TargetGame } from './types';

const TEAM = 10;
const OPP = 20;
const CUTOFF = new Date('2018-10-25T23:00:00Z');
const BEFORE = '2018-10-25T22:00:00Z';
const AFTER = '2018-10-25T23:30:00Z';

function log(over: Partial<PlayerGameLog> & Pick<PlayerGameLog, 'playerId' | 'gameId' | 'gameDate'>): PlayerGameLog {
  return {
    season: '2018-19',
    teamId: TEAM,
    opponentTeamId: OPP,
    isHome: true,
    dnp: false,
    minutes: 20,
    started: false,
    pts: 10,
    reb: 4,
    ast: 2,
    fg3m: 1,
    fgm: 4,
    fga: 8,
    fta: 2,
    oreb: 1,
    tov: 1,
    ...over,
  };
}

/** Team 10's two earlier games: 1 (the target, bench), 2 (starter, 34 min, 18 FGA), 3 (bench, 10 min), 4 (DNP - Coach's Decision both games). */
function history(): PlayerGameLog[] {
  const game = (gameId: string, gameDate: string): PlayerGameLog[] => [
    log({ playerId: 1, gameId, gameDate, minutes: 24, fga: 9 }),
    log({ playerId: 2, gameId, gameDate, minutes: 34, fga: 18, fta: 6, tov: 3, started: true }),
    log({ playerId: 3, gameId, gameDate, minutes: 10, fga: 3 }),
    log({ playerId: 4, gameId, gameDate, minutes: 0, dnp: true, pts: null, reb: null, ast: null, fg3m: null, fga: null, fgm: null, fta: null, oreb: null, tov: null }),
    log({ playerId: 9, gameId, gameDate, teamId: OPP, opponentTeamId: TEAM, isHome: false, minutes: 30 }),
  ];
  return [...game('G1', '2018-10-21'), ...game('G2', '2018-10-23')];
}

function target(over: Partial<TargetGame> = {}): TargetGame {
  return { playerId: 1, gameId: 'G3', gameDate: '2018-10-25', season: '2018-19', teamId: TEAM, opponentTeamId: OPP, isHome: false, cutoffAt: CUTOFF, ...over };
}

function report(playerId: number, status: AvailabilityReport['status'], reportedAt: string, teamId = TEAM): AvailabilityReport {
  return { playerId, teamId, gameId: 'G3', status, reportedAt };
}

function seeded(): FeatureComputerV2 {
  const fc = new FeatureComputerV2();
  const logs = history();
  for (const date of ['2018-10-21', '2018-10-23']) {
    const day = logs.filter((l) => l.gameDate === date);
    fc.ingestDate(date, day, buildTeamGameLogs(day));
  }
  return fc;
}

function features(context: Partial<PregameContext>, lines: PropLineSnapshot[] = [], t: TargetGame = target()): Record<string, number> {
  const [vec] = seeded().computeDate('2018-10-25', [t], lines, { availability: [], gameLines: [], ...context });
  return Object.fromEntries(FeatureSetV2.featureNames.map((n, i) => [n, vec.values[i]]));
}

describe('FeatureComputerV2', () => {
  it('starts with the v1 vector, unchanged', () => {
    const [v2] = seeded().computeDate('2018-10-25', [target()]);
    const v1 = new FeatureComputer(FeatureSetV1);
    const logs = history();
    for (const date of ['2018-10-21', '2018-10-23']) {
      const day = logs.filter((l) => l.gameDate === date);
      v1.ingestDate(date, day, buildTeamGameLogs(day));
    }
    const [base] = v1.computeDate('2018-10-25', [target()]);
    expect(v2.featureSetId).toBe('player-props@v2');
    expect(v2.values).toHaveLength(FeatureSetV2.featureNames.length);
    expect(Array.from(v2.values.subarray(0, base.values.length))).toEqual(Array.from(base.values));
  });

  it('leaves the start rate unknown (NaN), not zero, when the box scores do not say who started', () => {
    const fc = new FeatureComputerV2();
    const logs = history().map(({ started: _started, ...l }) => l);
    for (const date of ['2018-10-21', '2018-10-23']) {
      const day = logs.filter((l) => l.gameDate === date);
      fc.ingestDate(date, day, buildTeamGameLogs(day));
    }
    const [unknown] = fc.computeDate('2018-10-25', [target({ playerId: 2 })], [], { availability: [], gameLines: [] });
    expect(unknown.values[FeatureSetV2.featureNames.indexOf('start_rate_last10')]).toBeNaN();
    expect(features({}, [], target({ playerId: 2 })).start_rate_last10).toBe(1);
  });

  it('counts a rotation teammate reported OUT before the cutoff, with the minutes, shots and usage he leaves free', () => {
    const f = features({ availability: [report(2, 'OUT', BEFORE)] });
    expect(f.own_status).toBe(0);
    expect(f.teammates_out).toBe(1);
    expect(f.starters_out).toBe(1);
    expect(f.vacated_minutes).toBeCloseTo(34, 5);
    expect(f.vacated_fga).toBeCloseTo(18, 5);
    expect(f.vacated_usage).toBeCloseTo(18 + 0.44 * 6 + 3, 4);
    expect(f.teammates_doubtful).toBe(0);
  });

  it('ignores a report made at or after the cutoff (nothing known: every availability feature missing)', () => {
    for (const at of [AFTER, CUTOFF.toISOString()]) {
      const f = features({ availability: [report(2, 'OUT', at)] });
      for (const name of ['own_status', 'teammates_out', 'vacated_minutes', 'starters_out']) expect(f[name]).toBeNaN();
    }
  });

  it('reads the latest report before the cutoff: OUT then AVAILABLE is available, a later OUT after the cutoff changes nothing', () => {
    const f = features({ availability: [report(2, 'OUT', '2018-10-25T12:00:00Z'), report(2, 'AVAILABLE', BEFORE), report(2, 'OUT', AFTER)] });
    expect(f.teammates_out).toBe(0);
    expect(f.vacated_minutes).toBe(0);
  });

  it("does not count a teammate with a DNP - Coach's Decision as out: only reports count, and earlier DNPs are zero minutes", () => {
    // Player 4 sat both earlier games (Coach's Decision) and sits again on the target date: no report names him.
    const dateRows = [log({ playerId: 4, gameId: 'G3', gameDate: '2018-10-25', dnp: true, minutes: 0 })];
    const fc = seeded();
    const [vec] = fc.computeDate('2018-10-25', [target()], [], { availability: [report(3, 'QUESTIONABLE', BEFORE)], gameLines: [] });
    fc.ingestDate('2018-10-25', dateRows, buildTeamGameLogs(dateRows));
    const f = Object.fromEntries(FeatureSetV2.featureNames.map((n, i) => [n, vec.values[i]]));
    expect(f.teammates_out).toBe(0);
    expect(f.teammates_doubtful).toBe(1);
    expect(f.vacated_minutes).toBe(0);
    // Reported OUT, a player outside the recent rotation leaves nothing free either.
    const g = features({ availability: [report(4, 'OUT', BEFORE)] });
    expect(g.teammates_out).toBe(0);
    expect(g.vacated_minutes).toBe(0);
  });

  it("takes the player's own report as his status, not as a teammate's absence", () => {
    const f = features({ availability: [report(1, 'DOUBTFUL', BEFORE), report(2, 'OUT', BEFORE)] });
    expect(f.own_status).toBe(0.75);
    expect(f.teammates_doubtful).toBe(0);
    expect(f.teammates_out).toBe(1);
    const g = features({ availability: [report(2, 'OUT', BEFORE)] }, [], target({ playerId: 2 }));
    expect(g.own_status).toBe(1);
    expect(g.teammates_out).toBe(0);
    expect(g.vacated_minutes).toBe(0);
  });

  it('ignores reports of the other team', () => {
    const f = features({ availability: [report(9, 'OUT', BEFORE, OPP)] });
    expect(f.teammates_out).toBeNaN();
  });

  it('reads the role: start rate over played games and the share of recent team minutes', () => {
    expect(features({}).start_rate_last10).toBe(0);
    expect(features({}, [], target({ playerId: 2 })).start_rate_last10).toBe(1);
    expect(features({}).rotation_minutes_last10).toBeCloseTo(24, 5);
  });

  it('takes the game environment from the latest game line before the cutoff, from the team side', () => {
    const lines: GameLineSnapshot[] = [
      { gameId: 'G3', book: 'CLOSING', homeSpread: -4, total: 220, capturedAt: '2018-10-25T12:00:00Z' },
      { gameId: 'G3', book: 'CLOSING', homeSpread: -6, total: 224, capturedAt: BEFORE },
      { gameId: 'G3', book: 'CLOSING', homeSpread: -12, total: 240, capturedAt: AFTER },
    ];
    const away = features({ gameLines: lines });
    expect(away.team_spread).toBe(6);
    expect(away.game_total).toBe(224);
    expect(away.implied_team_total).toBe(109);
    expect(away.blowout_risk).toBe(6);
    const home = features({ gameLines: lines }, [], target({ isHome: true }));
    expect(home.team_spread).toBe(-6);
    expect(home.implied_team_total).toBe(115);
    expect(features({ gameLines: lines.slice(2) }).team_spread).toBeNaN();
  });

  it('never reads the final score a game-lines record may carry', () => {
    const line = { gameId: 'G3', book: 'CLOSING', homeSpread: -6, total: 224, capturedAt: BEFORE };
    const withScores = { ...line, homeScore: 140, awayScore: 80, homeFinal: 140, awayFinal: 80 } as GameLineSnapshot;
    const a = features({ gameLines: [line] });
    const b = features({ gameLines: [withScores] });
    expect(b).toEqual(a);
  });

  it('moves a prop line from its first to its latest snapshot before the cutoff', () => {
    const prop = (line: number, capturedAt: string): PropLineSnapshot => ({ playerId: 1, gameId: 'G3', stat: 'POINTS', line, capturedAt, book: 'b' });
    const f = features({}, [prop(11.5, '2018-10-25T10:00:00Z'), prop(12.5, BEFORE), prop(15.5, AFTER)]);
    expect(f.line_points).toBe(12.5);
    expect(f.line_move_points).toBe(1);
    expect(f.line_move_threes).toBeNaN();
  });

  it('rejects a status outside the list, naming the player and game', () => {
    const bad = { ...report(2, 'OUT', BEFORE), status: 'INJURED' } as unknown as AvailabilityReport;
    expect(() => features({ availability: [bad] })).toThrow(InvalidFeatureInputError);
    expect(() => features({ availability: [bad] })).toThrow(/player 2 in game G3/);
  });

  describe('era-relative game environment (feature set v3)', () => {
    const line: GameLineSnapshot = { gameId: 'G3', book: 'CLOSING', homeSpread: -6, total: 224, capturedAt: BEFORE };
    const at = (name: string) => FeatureSetV3.featureNames.indexOf(name);
    function seededV3(): FeatureComputerV2 {
      const fc = new FeatureComputerV2(FeatureSetV3);
      const logs = history();
      for (const date of ['2018-10-21', '2018-10-23']) {
        const day = logs.filter((l) => l.gameDate === date);
        fc.ingestDate(date, day, buildTeamGameLogs(day));
      }
      return fc;
    }
    function v3(context: GameLineSnapshot[]): Record<string, number> {
      const [vec] = seededV3().computeDate('2018-10-25', [target()], [], { availability: [], gameLines: context });
      return Object.fromEntries(FeatureSetV3.featureNames.map((n, i) => [n, vec.values[i]]));
    }

    it('extends v2 by the three columns and leaves the v2 part as v2 computes it', () => {
      expect(FeatureSetV3.featureNames.slice(0, FeatureSetV2.featureNames.length)).toEqual(FeatureSetV2.featureNames);
      const [a] = seeded().computeDate('2018-10-25', [target()], [], { availability: [], gameLines: [line] });
      const [b] = seededV3().computeDate('2018-10-25', [target()], [], { availability: [], gameLines: [line] });
      expect(b.featureSetId).toBe('player-props@v3');
      expect(Array.from(b.values.subarray(0, a.values.length))).toEqual(Array.from(a.values));
    });

    it("reads the total, implied team total and spread against the league's points per game of earlier dates", () => {
      // Earlier games: team 10 scored 30 and 20 allowed 10, twice: 20 points per team game, 40 per game.
      const away = v3([line]);
      expect(away.game_total_vs_league).toBe(224 - 40);
      expect(away.implied_team_total_vs_league).toBe(109 - 20);
      expect(away.team_spread_share).toBeCloseTo(6 / 40, 6);
      expect(v3([{ ...line, capturedAt: AFTER }]).game_total_vs_league).toBeNaN();
    });

    it("never counts the target date's own scores, nor later ones: only box scores of earlier dates", () => {
      const logs = history();
      const own = [
        log({ playerId: 1, gameId: 'G3', gameDate: '2018-10-25', pts: 90 }),
        log({ playerId: 9, gameId: 'G3', gameDate: '2018-10-25', teamId: OPP, opponentTeamId: TEAM, isHome: false, pts: 90 }),
      ];
      const later = [log({ playerId: 1, gameId: 'G4', gameDate: '2018-10-27', pts: 90 })];
      const all = [...logs, ...own, ...later];
      const [withOwn] = computeFeatures({ playerLogs: all, teamLogs: buildTeamGameLogs(all) }, [target()], [], FeatureSetV3, { availability: [], gameLines: [line] });
      const value = withOwn.values[at('game_total_vs_league')];
      expect(value).toBe(224 - 40);
      // An earlier date's game does count.
      const earlier = [...logs, log({ playerId: 1, gameId: 'G0', gameDate: '2018-10-24', pts: 100 })];
      const [moved] = computeFeatures({ playerLogs: earlier, teamLogs: buildTeamGameLogs(earlier) }, [target()], [], FeatureSetV3, { availability: [], gameLines: [line] });
      expect(moved.values[at('game_total_vs_league')]).toBe(224 - (2 * (80 + 100)) / 5);
    });

    it("early in a season takes the previous season's level (known before the date), not the new season's first games", () => {
      const fc = seededV3();
      const opener = [log({ playerId: 1, gameId: 'N1', gameDate: '2019-10-22', season: '2019-20', pts: 150 })];
      fc.ingestDate('2019-10-22', opener, buildTeamGameLogs(opener));
      const t = target({ gameId: 'N2', gameDate: '2019-10-24', season: '2019-20', cutoffAt: new Date('2019-10-24T23:00:00Z') });
      const [vec] = fc.computeDate('2019-10-24', [t], [], { availability: [], gameLines: [{ ...line, gameId: 'N2', capturedAt: '2019-10-24T20:00:00Z' }] });
      expect(vec.values[at('game_total_vs_league')]).toBe(224 - 40);
    });
  });

  it('gives computeFeatures the same vectors as the incremental walk', () => {
    const availability = [report(2, 'OUT', BEFORE)];
    const gameLines: GameLineSnapshot[] = [{ gameId: 'G3', book: 'CLOSING', homeSpread: 3, total: 210, capturedAt: BEFORE }];
    const logs = history();
    const [once] = computeFeatures({ playerLogs: logs, teamLogs: buildTeamGameLogs(logs) }, [target()], [], FeatureSetV2, { availability, gameLines });
    const [walked] = seeded().computeDate('2018-10-25', [target()], [], { availability, gameLines });
    expect(Array.from(once.values)).toEqual(Array.from(walked.values));
  });
});
