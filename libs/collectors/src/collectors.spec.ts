import { easternTipoff, gameFinderScheduleRows, gameLineRows, isDue, parsePollTiers, pollIntervalMinutes, propLineRows, retryAfterMs, scoreboardScheduleRows, type OddsApiEventOdds } from '.';

const EVENT: OddsApiEventOdds = {
  id: 'e1',
  sport_key: 'basketball_nba',
  commence_time: '2024-12-22T03:10:00Z',
  home_team: 'Sacramento Kings',
  away_team: 'Los Angeles Lakers',
  bookmakers: [
    {
      key: 'draftkings',
      markets: [
        {
          key: 'player_points',
          outcomes: [
            { name: 'Over', description: 'LeBron James', price: -115, point: 24.5 },
            { name: 'Under', description: 'LeBron James', price: -105, point: 24.5 },
            { name: 'Over', description: 'Anthony Davis', price: -110, point: 27.5 },
          ],
        },
        {
          key: 'spreads',
          outcomes: [
            { name: 'Sacramento Kings', price: -110, point: -3.5 },
            { name: 'Los Angeles Lakers', price: -110, point: 3.5 },
          ],
        },
        {
          key: 'totals',
          outcomes: [
            { name: 'Over', price: -110, point: 228.5 },
            { name: 'Under', price: -110, point: 228.5 },
          ],
        },
      ],
    },
  ],
};

describe('The Odds API answers as import rows', () => {
  const at = new Date('2024-12-21T20:00:00Z');

  it("pairs each player's over and under of a line, keeps a one-sided line, and stamps the capture time", () => {
    expect(propLineRows(EVENT, at)).toEqual([
      {
        player: 'LeBron James',
        home_team: 'Sacramento Kings',
        away_team: 'Los Angeles Lakers',
        game_time: '2024-12-22T03:10:00Z',
        market: 'player_points',
        line: 24.5,
        over_price: -115,
        under_price: -105,
        bookmaker: 'draftkings',
        captured_at: '2024-12-21T20:00:00.000Z',
      },
      {
        player: 'Anthony Davis',
        home_team: 'Sacramento Kings',
        away_team: 'Los Angeles Lakers',
        game_time: '2024-12-22T03:10:00Z',
        market: 'player_points',
        line: 27.5,
        over_price: -110,
        under_price: null,
        bookmaker: 'draftkings',
        captured_at: '2024-12-21T20:00:00.000Z',
      },
    ]);
  });

  it('reads the home spread and the total per book, on the US Eastern game day of a late tip-off', () => {
    expect(gameLineRows([EVENT], at)).toEqual([
      {
        game_date: '2024-12-21',
        home_team: 'Sacramento Kings',
        away_team: 'Los Angeles Lakers',
        book: 'draftkings',
        home_spread: -3.5,
        total: 228.5,
        home_moneyline: null,
        away_moneyline: null,
        captured_at: '2024-12-21T20:00:00.000Z',
      },
    ]);
  });
});

describe('polling density', () => {
  const tiers = parsePollTiers('60:5,180:15,720:60,2160:180');
  const tip = new Date('2024-12-22T00:00:00Z');
  const before = (minutes: number) => new Date(tip.getTime() - minutes * 60_000);

  it('polls more often as tip-off nears, and never after it or beyond the last tier', () => {
    expect([3000, 2000, 600, 120, 30, 0, -10].map((m) => pollIntervalMinutes(tiers, tip, before(m)))).toEqual([null, 180, 60, 15, 5, null, null]);
  });

  it("is due when the tier's interval has passed since the last poll", () => {
    expect(isDue(tiers, tip, null, before(30))).toBe(true);
    expect(isDue(tiers, tip, before(33), before(30))).toBe(false);
    expect(isDue(tiers, tip, before(35), before(30))).toBe(true);
    expect(isDue(tiers, tip, before(700), before(650))).toBe(false);
  });

  it('names a malformed tier', () => {
    expect(() => parsePollTiers('60:5,soon:1')).toThrow('"soon:1" is not within:every in minutes (e.g. 60:5)');
  });
});

describe('Retry-After', () => {
  const now = new Date('2024-12-21T20:00:00Z');
  it('reads seconds or an HTTP date, and falls back when absent or unreadable', () => {
    expect(retryAfterMs('30', now, 1000)).toBe(30_000);
    expect(retryAfterMs('Sat, 21 Dec 2024 20:01:00 GMT', now, 1000)).toBe(60_000);
    expect(retryAfterMs(null, now, 1000)).toBe(1000);
    expect(retryAfterMs('soon', now, 1000)).toBe(1000);
  });
});

describe('stats.nba.com schedules', () => {
  it('turns a ScoreboardV2 status time into UTC across daylight saving', () => {
    expect(easternTipoff('2018-10-18', '7:30 pm ET')?.toISOString()).toBe('2018-10-18T23:30:00.000Z');
    expect(easternTipoff('2019-01-15', '10:30 pm ET')?.toISOString()).toBe('2019-01-16T03:30:00.000Z');
    expect(easternTipoff('2019-01-15', 'Final')).toBeNull();
  });

  it('reads GameHeader rows with team ids, and a tip-off only for games to come', () => {
    const rows = scoreboardScheduleRows('2018-10-16', [
      { GAME_ID: '0021800001', GAME_DATE_EST: '2018-10-16T00:00:00', GAME_STATUS_ID: 1, GAME_STATUS_TEXT: '8:00 pm ET', HOME_TEAM_ID: 1610612738, VISITOR_TEAM_ID: 1610612755 },
      { GAME_ID: '0021800002', GAME_DATE_EST: '2018-10-16T00:00:00', GAME_STATUS_ID: 3, GAME_STATUS_TEXT: 'Final', HOME_TEAM_ID: 1610612744, VISITOR_TEAM_ID: 1610612760 },
    ]);
    expect(rows).toEqual([
      { gameId: '0021800001', gameDate: '2018-10-16', homeTeam: 1610612738, awayTeam: 1610612755, tipoffAt: '2018-10-17T00:00:00.000Z' },
      { gameId: '0021800002', gameDate: '2018-10-16', homeTeam: 1610612744, awayTeam: 1610612760 },
    ]);
  });

  it('makes one game of the two LeagueGameFinder team rows, home from "vs."', () => {
    const rows = gameFinderScheduleRows([
      { GAME_ID: '0021800001', GAME_DATE: '2018-10-16', MATCHUP: 'PHI @ BOS' },
      { GAME_ID: '0021800001', GAME_DATE: '2018-10-16', MATCHUP: 'BOS vs. PHI' },
    ]);
    expect(rows).toEqual([{ gameId: '0021800001', gameDate: '2018-10-16', homeTeam: 'BOS', awayTeam: 'PHI' }]);
  });
});
