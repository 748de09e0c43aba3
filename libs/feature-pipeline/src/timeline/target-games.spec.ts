import type { DateBundle, ScheduleGame } from '../history/history.types';
import { RosterTracker } from './roster-tracker';
import { historicalCutoff, historicalTargets, upcomingCutoff, upcomingTargets } from './target-games';

const game = (over: Partial<ScheduleGame> = {}): ScheduleGame => ({
  id: '0022000001',
  gameDate: '2021-01-10',
  season: '2020-21',
  homeTeamId: 1,
  awayTeamId: 2,
  status: 'SCHEDULED',
  tipoffAt: new Date('2021-01-11T00:30:00Z'),
  ...over,
});

describe('target games and cutoffs', () => {
  it('cuts a played game off at tip-off, or at the start of its date when tip-off is unknown', () => {
    expect(historicalCutoff(game(), '2021-01-10')).toEqual(new Date('2021-01-11T00:30:00Z'));
    expect(historicalCutoff(game({ tipoffAt: null }), '2021-01-10')).toEqual(new Date('2021-01-10T00:00:00Z'));
    expect(historicalCutoff(undefined, '2021-01-10')).toEqual(new Date('2021-01-10T00:00:00Z'));
  });

  it('cuts an upcoming game off when computed, or at tip-off once it passed', () => {
    expect(upcomingCutoff(game(), new Date('2021-01-10T18:00:00Z'))).toEqual(new Date('2021-01-10T18:00:00Z'));
    expect(upcomingCutoff(game(), new Date('2021-01-11T02:00:00Z'))).toEqual(new Date('2021-01-11T00:30:00Z'));
    expect(upcomingCutoff(game({ tipoffAt: null }), new Date('2021-01-11T02:00:00Z'))).toEqual(new Date('2021-01-11T02:00:00Z'));
  });

  it('builds roster targets for scheduled games without box scores, within the horizon only', () => {
    const rosters = new RosterTracker(5);
    const played = (playerId: number, teamId: number) => ({
      playerId,
      gameId: `00219${teamId}`,
      gameDate: '2021-01-08',
      season: '2020-21',
      teamId,
      opponentTeamId: 3 - teamId,
      isHome: teamId === 1,
      dnp: false,
      minutes: 30,
      pts: 10,
      reb: 5,
      ast: 2,
      fg3m: 1,
      fgm: 4,
      fga: 9,
      fta: 2,
      oreb: 1,
      tov: 2,
    });
    rosters.ingestDate([played(11, 1), played(12, 1), played(21, 2)]);
    const bundle: DateBundle = {
      date: '2021-01-10',
      games: [game(), game({ id: '0022000002', status: 'FINAL', homeTeamId: 5, awayTeamId: 6 })],
      playerLogs: [],
      lines: [],
      availability: [],
      gameLines: [],
    };
    const now = new Date('2021-01-10T12:00:00Z');
    expect(upcomingTargets(bundle, rosters, now, 0).map((t) => [t.playerId, t.teamId, t.opponentTeamId, t.isHome, t.cutoffAt.toISOString()])).toEqual([
      [11, 1, 2, true, '2021-01-10T12:00:00.000Z'],
      [12, 1, 2, true, '2021-01-10T12:00:00.000Z'],
      [21, 2, 1, false, '2021-01-10T12:00:00.000Z'],
    ]);
    expect(upcomingTargets(bundle, rosters, new Date('2021-01-07T12:00:00Z'), 2)).toEqual([]);
    expect(historicalTargets({ ...bundle, playerLogs: [{ ...played(11, 1), gameId: '0022000001', gameDate: '2021-01-10' }] })).toHaveLength(1);
    expect(upcomingTargets({ ...bundle, playerLogs: [{ ...played(11, 1), gameId: '0022000001', gameDate: '2021-01-10' }] }, rosters, now, 0)).toEqual([]);
  });
});
