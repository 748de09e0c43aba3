import type { PlayerGameLog } from '@propcast/features';
import { RosterTracker } from './roster-tracker';

const log = (playerId: number, gameId: string, teamId: number, played = true): PlayerGameLog => ({
  playerId,
  gameId,
  gameDate: '2020-01-01',
  season: '2019-20',
  teamId,
  opponentTeamId: 99,
  isHome: true,
  dnp: !played,
  minutes: played ? 20 : 0,
  pts: 1,
  reb: 1,
  ast: 1,
  fg3m: 0,
  fgm: 1,
  fga: 2,
  fta: 0,
  oreb: 0,
  tov: 0,
});

describe('RosterTracker', () => {
  it('keeps the players who played in the team`s last N games, dropping DNPs, old games and traded players', () => {
    const rosters = new RosterTracker(2);
    rosters.ingestDate([log(1, 'g1', 10), log(2, 'g1', 10), log(3, 'g1', 10, false)]);
    rosters.ingestDate([log(1, 'g2', 10), log(4, 'g2', 10), log(5, 'g2b', 20)]);
    expect(rosters.recentRoster(10)).toEqual([1, 2, 4]);
    rosters.ingestDate([log(1, 'g3', 10), log(2, 'g3b', 20)]);
    // g1 fell out of the window; player 2 now plays for team 20.
    expect(rosters.recentRoster(10)).toEqual([1, 4]);
    expect(rosters.recentRoster(20)).toEqual([2, 5]);
    expect(rosters.recentRoster(30)).toEqual([]);
  });
});
