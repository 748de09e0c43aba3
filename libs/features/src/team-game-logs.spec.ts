import { InvalidFeatureInputError } from './errors';
import { estimatePossessions } from './stat-extractors';
import { buildTeamGameLogs } from './team-game-logs';
import type { PlayerGameLog } from './types';

function row(over: Partial<PlayerGameLog>): PlayerGameLog {
  return {
    playerId: 1,
    gameId: 'G1',
    gameDate: '2019-01-02',
    season: '2018-19',
    teamId: 10,
    opponentTeamId: 20,
    isHome: true,
    dnp: false,
    minutes: 30,
    pts: 10,
    reb: 5,
    ast: 3,
    fg3m: 1,
    fgm: 4,
    fga: 9,
    fta: 2,
    oreb: 1,
    tov: 2,
    ...over,
  };
}

describe('buildTeamGameLogs', () => {
  it('sums played rows per team and fills the opponent totals from the other side', () => {
    const logs = buildTeamGameLogs([
      row({ playerId: 1 }),
      row({ playerId: 2, pts: 20, reb: 1, ast: 7, fga: 15, fta: 6, oreb: 0, tov: 4 }),
      row({ playerId: 3, dnp: true, minutes: 0, pts: null, reb: null, ast: null, fga: null, fta: null, oreb: null, tov: null }),
      row({ playerId: 4, teamId: 20, opponentTeamId: 10, isHome: false, pts: 31, reb: 12, ast: 9 }),
    ]);
    expect(logs).toEqual([
      { teamId: 10, opponentTeamId: 20, gameId: 'G1', gameDate: '2019-01-02', season: '2018-19', pts: 30, reb: 6, ast: 10, fga: 24, fta: 8, oreb: 1, tov: 6, oppPts: 31, oppReb: 12, oppAst: 9 },
      { teamId: 20, opponentTeamId: 10, gameId: 'G1', gameDate: '2019-01-02', season: '2018-19', pts: 31, reb: 12, ast: 9, fga: 9, fta: 2, oreb: 1, tov: 2, oppPts: 30, oppReb: 6, oppAst: 10 },
    ]);
  });

  it('makes a total unknown when a played row misses it, and leaves opponent totals null without the opponent rows', () => {
    const [team] = buildTeamGameLogs([row({ playerId: 1 }), row({ playerId: 2, tov: null })]);
    expect(team.tov).toBeNull();
    expect(team.pts).toBe(20);
    expect(team.oppPts).toBeNull();
    expect(estimatePossessions(team)).toBeNaN();
  });

  it('rejects rows of one team-game that disagree on the opponent', () => {
    expect(() => buildTeamGameLogs([row({ playerId: 1 }), row({ playerId: 2, opponentTeamId: 30 })])).toThrow(InvalidFeatureInputError);
  });
});

describe('estimatePossessions', () => {
  it('is FGA + 0.44 FTA - OREB + TOV', () => {
    expect(estimatePossessions({ fga: 88, fta: 25, oreb: 10, tov: 14 })).toBeCloseTo(88 + 11 - 10 + 14, 12);
  });
});
