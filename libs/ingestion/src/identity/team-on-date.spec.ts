import { teamOnDate } from './team-on-date';

const CLE = 1610612739;
const PHI = 1610612755;
const UTA = 1610612762;
const games = [
  { date: '2019-02-01', teamId: UTA },
  { date: '2021-05-16', teamId: PHI },
  { date: '2024-10-23', teamId: CLE },
];

describe('teamOnDate', () => {
  it('takes his latest game on or before the date, within a season', () => {
    expect(teamOnDate(games, '2021-05-16')).toBe(PHI);
    expect(teamOnDate(games, '2022-01-10')).toBe(PHI);
    expect(teamOnDate(games, '2025-03-01')).toBe(CLE);
  });

  it('takes his first game after the date when the one before is older than a season (a season not stored)', () => {
    expect(teamOnDate(games, '2023-11-20')).toBe(CLE);
    expect(teamOnDate(games, '2018-12-01')).toBe(UTA);
  });

  it('knows no team when no stored game is within a season of the date', () => {
    expect(teamOnDate(games, '2023-01-15')).toBeNull();
    expect(teamOnDate(games, '2016-01-01')).toBeNull();
    expect(teamOnDate(games, '2027-01-01')).toBeNull();
    expect(teamOnDate([], '2024-01-01')).toBeNull();
  });
});
