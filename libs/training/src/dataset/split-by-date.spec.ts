import { DatasetTooSmallError } from '../errors';
import { leagueRows, simulateLeague } from '../testing';
import { consecutiveDates, statDatasetFixture } from '../testing/stat-dataset.fixture';
import { splitByDate } from './split-by-date';
import { toStatDataset } from './stat-dataset';

describe('splitByDate', () => {
  const league = simulateLeague({ seed: 11, teams: 6, playersPerTeam: 6, seasons: 2, datesPerSeason: 30 });
  const ds = toStatDataset(leagueRows(league), 'POINTS');
  const splits = splitByDate(ds);

  it('puts every game date in exactly one split', () => {
    const dates = (s: typeof splits.train) => new Set(s.gameDates);
    const [train, validation, test] = [dates(splits.train), dates(splits.validation), dates(splits.test)];
    for (const d of train) expect(validation.has(d) || test.has(d)).toBe(false);
    for (const d of validation) expect(test.has(d)).toBe(false);
    expect(train.size + validation.size + test.size).toBe(new Set(ds.gameDates).size);
  });

  it('never puts a game in two splits, and no player-game of a test date reaches training', () => {
    const games = (s: typeof splits.train) => new Set(s.gameIds);
    const [train, validation, test] = [games(splits.train), games(splits.validation), games(splits.test)];
    for (const g of test) expect(train.has(g) || validation.has(g)).toBe(false);
    for (const g of validation) expect(train.has(g)).toBe(false);
    const testDates = new Set(splits.test.gameDates);
    expect(splits.train.gameDates.filter((d) => testDates.has(d))).toEqual([]);
    expect(splits.train.size + splits.validation.size + splits.test.size).toBe(ds.size);
  });

  it('orders the splits in time: every test date is after every validation date, which is after every training date', () => {
    const max = (a: string[]) => a.reduce((x, y) => (y > x ? y : x));
    const min = (a: string[]) => a.reduce((x, y) => (y < x ? y : x));
    expect(min(splits.validation.gameDates) > max(splits.train.gameDates)).toBe(true);
    expect(min(splits.test.gameDates) > max(splits.validation.gameDates)).toBe(true);
    expect(splits.ranges.train.to < splits.ranges.validation.from).toBe(true);
    expect(splits.ranges.validation.to < splits.ranges.test.from).toBe(true);
  });

  it('gives about 70 / 15 / 15 percent of the rows', () => {
    expect(splits.train.size / ds.size).toBeGreaterThan(0.66);
    expect(splits.train.size / ds.size).toBeLessThan(0.74);
    expect(splits.test.size / ds.size).toBeGreaterThan(0.11);
    expect(splits.test.size / ds.size).toBeLessThan(0.19);
  });

  it('keeps every split non-empty on tiny datasets and refuses fewer than three dates', () => {
    const tiny = splitByDate(statDatasetFixture({ dates: consecutiveDates('2020-01-01', 3), perDate: 4 }));
    expect([tiny.train.size, tiny.validation.size, tiny.test.size]).toEqual([4, 4, 4]);
    expect(() => splitByDate(statDatasetFixture({ dates: consecutiveDates('2020-01-01', 2), perDate: 4 }))).toThrow(DatasetTooSmallError);
  });
});
