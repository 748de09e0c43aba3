import { ChronologyError, InvalidFeatureInputError, UnsupportedFeatureSetError } from './errors';
import { defineFeatureSet } from './feature-set';
import { FeatureComputer } from './feature-computer';
import { FeatureSetV1 } from './feature-set-v1';
import type { PlayerGameLog, PropLineSnapshot, TargetGame, TeamGameLog } from './types';

function log(over: Partial<PlayerGameLog> & Pick<PlayerGameLog, 'gameId' | 'gameDate'>): PlayerGameLog {
  return {
    playerId: 1,
    season: '2018-19',
    teamId: 10,
    opponentTeamId: 20,
    isHome: true,
    dnp: false,
    minutes: 30,
    pts: 0,
    reb: 0,
    ast: 0,
    fg3m: 0,
    fgm: 0,
    fga: 0,
    fta: 0,
    oreb: 0,
    tov: 0,
    ...over,
  };
}

function teamLog(over: Partial<TeamGameLog> & Pick<TeamGameLog, 'teamId' | 'opponentTeamId' | 'gameId' | 'gameDate'>): TeamGameLog {
  return { season: '2018-19', pts: 100, reb: 40, ast: 20, fga: 80, fta: 20, oreb: 10, tov: 12, oppPts: 100, oppReb: 40, oppAst: 20, ...over };
}

function target(over: Partial<TargetGame> = {}): TargetGame {
  return {
    playerId: 1,
    gameId: 'G5',
    gameDate: '2018-10-25',
    season: '2018-19',
    teamId: 10,
    opponentTeamId: 20,
    isHome: false,
    cutoffAt: new Date('2018-10-25T23:00:00Z'),
    ...over,
  };
}

function named(values: Float32Array): Record<string, number> {
  return Object.fromEntries(FeatureSetV1.featureNames.map((n, i) => [n, values[i]]));
}

/** Player 1: three played games, a DNP and a game with unknown rebounds; teams 10 and 20 with two games each. */
function seeded(): FeatureComputer {
  const fc = new FeatureComputer();
  fc.ingestDate(
    '2018-10-20',
    [log({ gameId: 'G1', gameDate: '2018-10-20', pts: 10, reb: 5, ast: 2, fg3m: 1, minutes: 30, fga: 10, fta: 4, tov: 2 })],
    [
      teamLog({ teamId: 10, opponentTeamId: 20, gameId: 'G1', gameDate: '2018-10-20', fga: 90, fta: 25, oreb: 9, tov: 15, oppPts: 110, oppReb: 44, oppAst: 25 }),
      teamLog({ teamId: 20, opponentTeamId: 10, gameId: 'G1', gameDate: '2018-10-20', fga: 85, fta: 20, oreb: 11, tov: 13, oppPts: 98, oppReb: 41, oppAst: 21 }),
    ],
  );
  fc.ingestDate(
    '2018-10-22',
    [log({ gameId: 'G2', gameDate: '2018-10-22', opponentTeamId: 30, dnp: true, minutes: 0, pts: null, reb: null, ast: null })],
    [teamLog({ teamId: 20, opponentTeamId: 40, gameId: 'G9', gameDate: '2018-10-22', fga: 95, fta: 30, oreb: 12, tov: 10, oppPts: 120, oppReb: 50, oppAst: 30, pts: 101 })],
  );
  fc.ingestDate('2018-10-23', [log({ gameId: 'G3', gameDate: '2018-10-23', pts: 20, reb: 7, ast: 4, fg3m: 3, minutes: 34, fga: 16, fta: 5, tov: 3 })], []);
  fc.ingestDate('2018-10-24', [log({ gameId: 'G4', gameDate: '2018-10-24', opponentTeamId: 30, pts: 14, reb: null, ast: 6, fg3m: 0, minutes: 28, fga: 12, fta: 0, tov: 1 })], []);
  return fc;
}

describe('FeatureComputer', () => {
  it('computes the documented values for a small hand-checked history', () => {
    const [vec] = seeded().computeDate('2018-10-25', [target()]);
    expect(vec.values).toHaveLength(89);
    expect(vec.featureSetId).toBe('player-props@v1');
    const f = named(vec.values);
    const close = (name: string, expected: number) => expect(f[name]).toBeCloseTo(expected, 4);

    close('points_avg_last3', 44 / 3);
    close('points_avg_last5', 44 / 3);
    close('points_avg_last10', 44 / 3);
    close('points_ema', 13.3); // 10 -> 0.3*20+0.7*10 = 13 -> 0.3*14+0.7*13
    close('points_season_avg', 44 / 3);
    close('points_std_last10', Math.sqrt(76 / 3));
    close('points_min_last10', 10);
    close('points_max_last10', 20);
    close('points_median_last10', 14);
    close('points_slope_last10', 2);
    close('points_momentum', 0);
    close('points_avg_vs_opp', 15); // G1 and G3 against team 20

    // rebounds unknown in G4: that game drops out of rebounds (and PRA) only
    close('rebounds_avg_last3', 6);
    close('rebounds_ema', 5.6);
    close('rebounds_std_last10', Math.SQRT2);
    close('rebounds_median_last10', 6);
    close('pra_avg_last3', 24); // 17 and 31
    close('pra_slope_last10', 14);
    close('threes_avg_last10', 4 / 3);
    close('assists_max_last10', 6);
    close('minutes_avg_last3', 92 / 3);

    expect(f.is_home).toBe(0);
    expect(f.rest_days).toBe(1);
    expect(f.back_to_back).toBe(1);
    expect(f.games_played_season).toBe(3); // the DNP is not a game played
    expect(f.games_vs_opp).toBe(2);
    close('minutes_trend', 0);
    close('usage_proxy_last10', (10 + 1.76 + 2 + (16 + 2.2 + 3) + (12 + 0 + 1)) / 92);
    close('team_pace_last10', 90 + 11 - 9 + 15);
    close('opp_pace_last10', (85 + 8.8 - 11 + 13 + (95 + 13.2 - 12 + 10)) / 2);
    close('opp_allowed_points_last15', 109);
    close('opp_allowed_rebounds_last15', 45.5);
    close('opp_allowed_assists_last15', 25.5);
    for (const line of ['line_points', 'line_rebounds', 'line_assists', 'line_threes', 'line_pra']) expect(f[line]).toBeNaN();
  });

  it('resets season-to-date features with a new season while windows and rest span seasons', () => {
    const fc = seeded();
    const [vec] = fc.computeDate('2019-10-20', [target({ gameId: 'N1', gameDate: '2019-10-20', season: '2019-20' })]);
    const f = named(vec.values);
    expect(f.points_season_avg).toBeNaN();
    expect(f.minutes_season_avg).toBeNaN();
    expect(f.games_played_season).toBe(0);
    expect(f.minutes_trend).toBeNaN();
    expect(f.points_avg_last3).toBeCloseTo(44 / 3, 4);
    expect(f.rest_days).toBe(361);
    expect(f.back_to_back).toBe(0);

    fc.ingestDate('2019-10-20', [log({ gameId: 'N1', gameDate: '2019-10-20', season: '2019-20', pts: 30, minutes: 40 })], []);
    const g = named(fc.computeDate('2019-10-22', [target({ gameId: 'N2', gameDate: '2019-10-22', season: '2019-20' })])[0].values);
    expect(g.points_season_avg).toBe(30);
    expect(g.games_played_season).toBe(1);
    expect(g.minutes_trend).toBeCloseTo((30 + 34 + 28 + 40) / 4 - 40, 4);
    expect(g.games_vs_opp).toBe(3);
  });

  it('marks everything unknown as NaN for a player without history, but counts are 0 and is_home is known', () => {
    const [vec] = seeded().computeDate('2018-10-25', [target({ playerId: 99, teamId: 50, opponentTeamId: 60, isHome: true })]);
    const f = named(vec.values);
    expect(f.is_home).toBe(1);
    expect(f.games_played_season).toBe(0);
    expect(f.games_vs_opp).toBe(0);
    const known = new Set(['is_home', 'games_played_season', 'games_vs_opp']);
    for (const [name, v] of Object.entries(f)) if (!known.has(name)) expect([name, v]).toEqual([name, NaN]);
  });

  it('uses the latest line captured strictly before the cutoff, averaging books that share that instant', () => {
    const cutoff = '2018-10-25T23:00:00.000Z';
    const line = (stat: PropLineSnapshot['stat'], value: number, capturedAt: string, book = 'a'): PropLineSnapshot => ({ playerId: 1, gameId: 'G5', stat, line: value, capturedAt, book });
    const lines = [
      line('POINTS', 14.5, '2018-10-25T10:00:00Z'),
      line('POINTS', 15.5, '2018-10-25T20:00:00Z'),
      line('POINTS', 16.5, '2018-10-25T20:00:00Z', 'b'),
      line('POINTS', 30.5, cutoff), // at the cutoff: not known before it
      line('REBOUNDS', 6.5, '2018-10-26T01:00:00Z'), // after the cutoff only
      line('THREES', 1.5, '2018-10-24T12:00:00Z'),
      { ...line('ASSISTS', 9.5, '2018-10-25T10:00:00Z'), playerId: 2 }, // another player's line
    ];
    const f = named(seeded().computeDate('2018-10-25', [target()], lines)[0].values);
    expect(f.line_points).toBe(16);
    expect(f.line_rebounds).toBeNaN();
    expect(f.line_assists).toBeNaN();
    expect(f.line_threes).toBe(1.5);
    expect(f.line_pra).toBeNaN();
  });

  it('refuses to compute or ingest a date that is not after everything already ingested', () => {
    const fc = seeded();
    expect(() => fc.computeDate('2018-10-24', [])).toThrow(ChronologyError);
    expect(() => fc.computeDate('2018-10-01', [])).toThrow(ChronologyError);
    expect(() => fc.ingestDate('2018-10-24', [], [])).toThrow(ChronologyError);
    expect(fc.lastIngestedDate).toBe('2018-10-24');
    expect(() => fc.computeDate('2018-10-25', [target()])).not.toThrow();
  });

  it('rejects malformed input with typed errors', () => {
    const fc = new FeatureComputer();
    expect(() => fc.computeDate('2018-10-25', [target({ gameDate: '2018-10-26' })])).toThrow(InvalidFeatureInputError);
    expect(() => fc.computeDate('2019-02-30', [])).toThrow(InvalidFeatureInputError);
    expect(() => fc.computeDate('25/10/2018', [])).toThrow(InvalidFeatureInputError);
    expect(() => fc.computeDate('2018-10-25', [target({ cutoffAt: new Date('nope') })])).toThrow(InvalidFeatureInputError);
    const bad = (over: Partial<PropLineSnapshot>) =>
      fc.computeDate('2018-10-25', [target()], [{ playerId: 1, gameId: 'G5', stat: 'POINTS', line: 1.5, capturedAt: '2018-10-25T10:00:00Z', book: 'a', ...over }]);
    expect(() => bad({ stat: 'STEALS' as PropLineSnapshot['stat'] })).toThrow(InvalidFeatureInputError);
    expect(() => bad({ capturedAt: 'yesterday' })).toThrow(InvalidFeatureInputError);
    expect(() => bad({ line: NaN })).toThrow(InvalidFeatureInputError);
    const g = log({ gameId: 'G1', gameDate: '2018-10-20' });
    expect(() => fc.ingestDate('2018-10-21', [g], [])).toThrow(InvalidFeatureInputError);
    expect(() => fc.ingestDate('2018-10-20', [g, g], [])).toThrow(/duplicate player log/);
    const t = teamLog({ teamId: 10, opponentTeamId: 20, gameId: 'G1', gameDate: '2018-10-20' });
    expect(() => fc.ingestDate('2018-10-20', [], [t, t])).toThrow(/duplicate team log/);
    expect(fc.lastIngestedDate).toBeNull();
  });

  it('only implements the v1 feature set', () => {
    const other = defineFeatureSet('player-props', 2, 'x', ['a']);
    expect(() => new FeatureComputer(other)).toThrow(UnsupportedFeatureSetError);
    expect(() => new FeatureComputer({ ...FeatureSetV1, definitionHash: 'tampered' })).toThrow(UnsupportedFeatureSetError);
  });
});
