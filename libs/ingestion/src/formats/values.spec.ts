import { ValidationFailedError } from '../validation/problems';
import { gameTypeOfGameId, parseAmericanOdds, parseBoolean, parseCount, parseGameDate, parseGameId, parseInstant, parseMinutes, parseSeason, seasonOfGameId } from './values';

const problem = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationFailedError);
    return (err as Error).message;
  }
  throw new Error('expected a ValidationFailedError');
};

describe('value parsers', () => {
  it('reads minutes as 34, 34.5, 34:12 or PT34M12.00S', () => {
    expect(parseMinutes('34', 1, 'MIN')).toBe(34);
    expect(parseMinutes('34.5', 1, 'MIN')).toBe(34.5);
    expect(parseMinutes('34:12', 1, 'MIN')).toBeCloseTo(34.2);
    expect(parseMinutes('PT34M12.00S', 1, 'MIN')).toBeCloseTo(34.2);
    expect(parseMinutes('', 1, 'MIN')).toBeNull();
    // stats.nba.com's rounded "mm:60" (real rows of 0021800004 and 0021800012) is the next minute.
    expect(parseMinutes('33:60', 1, 'MIN')).toBe(34);
    expect(problem(() => parseMinutes('33:61', 7, 'MIN'))).toBe('row 7, field MIN: "33:61" has 61 seconds; expected mm:ss');
    expect(problem(() => parseMinutes('34:75', 7, 'MIN'))).toBe('row 7, field MIN: "34:75" has 75 seconds; expected mm:ss');
    expect(problem(() => parseMinutes('lots', 7, 'MIN'))).toMatch(/^row 7, field MIN: "lots" is not minutes/);
  });

  it('reads whole-number counts, written as floats too, within range', () => {
    expect(parseCount('7', 1, 'PTS', 100)).toBe(7);
    expect(parseCount('7.0', 1, 'PTS', 100)).toBe(7);
    expect(parseCount(' ', 1, 'PTS', 100)).toBeNull();
    expect(problem(() => parseCount('7.5', 2, 'PTS', 100))).toBe('row 2, field PTS: "7.5" is not a whole number');
    expect(problem(() => parseCount('101', 2, 'PTS', 100))).toBe('row 2, field PTS: 101 is out of range (0 to 100)');
    expect(problem(() => parseCount('-1', 2, 'AST', 40))).toBe('row 2, field AST: -1 is out of range (0 to 40)');
  });

  it('reads dates in the shapes the NBA sources use', () => {
    expect(parseGameDate('2019-04-10', 1, 'GAME_DATE')).toBe('2019-04-10');
    expect(parseGameDate('2019-04-10T00:00:00', 1, 'GAME_DATE')).toBe('2019-04-10');
    expect(parseGameDate('APR 10, 2019', 1, 'GAME_DATE')).toBe('2019-04-10');
    expect(parseGameDate('04/10/2019', 1, 'GAME_DATE')).toBe('2019-04-10');
    expect(problem(() => parseGameDate('2019-02-30', 3, 'GAME_DATE'))).toBe('row 3, field GAME_DATE: "2019-02-30" is not a date (expected YYYY-MM-DD)');
  });

  it('restores the leading zeros of integer game ids and reads type and season from them', () => {
    expect(parseGameId(21801227, 1, 'GAME_ID')).toBe('0021801227');
    expect(parseGameId('0041800406', 1, 'GAME_ID')).toBe('0041800406');
    expect(problem(() => parseGameId('ABC', 4, 'GAME_ID'))).toMatch(/^row 4, field GAME_ID: "ABC" is not an NBA game id/);
    expect(['0011800001', '0021800001', '0031800001', '0041800406', '0051900001', '0061800001'].map(gameTypeOfGameId)).toEqual(['PRESEASON', 'REGULAR', 'ALL_STAR', 'PLAYOFFS', 'PLAYIN', undefined]);
    expect(seasonOfGameId('0021800001')).toBe('2018-19');
    expect(seasonOfGameId('0029900001')).toBe('1999-00');
  });

  it('reads seasons from labels, years and SEASON_IDs', () => {
    expect(parseSeason('2018-19', 1, 'SEASON')).toBe('2018-19');
    expect(parseSeason('22018', 1, 'SEASON_ID')).toBe('2018-19');
    expect(parseSeason('2018-2019', 1, 'SEASON')).toBe('2018-19');
    expect(problem(() => parseSeason('2018-20', 1, 'SEASON'))).toMatch(/is not a season/);
  });

  it('reads booleans, instants and American odds', () => {
    expect([parseBoolean('1', 1, 'X'), parseBoolean('false', 1, 'X'), parseBoolean(true, 1, 'X'), parseBoolean('', 1, 'X')]).toEqual([true, false, true, null]);
    expect(parseInstant('2024-12-21T23:10:00Z', 1, 'T')?.toISOString()).toBe('2024-12-21T23:10:00.000Z');
    expect(parseInstant('2024-12-21 18:10:00-05:00', 1, 'T')?.toISOString()).toBe('2024-12-21T23:10:00.000Z');
    expect(parseInstant('2024-12-21 23:10', 1, 'T')?.toISOString()).toBe('2024-12-21T23:10:00.000Z');
    expect(parseAmericanOdds('+150', 1, 'over')).toBe(150);
    expect(parseAmericanOdds('-110', 1, 'over')).toBe(-110);
    expect(problem(() => parseAmericanOdds('-50', 5, 'over_price'))).toBe('row 5, field over_price: -50 is not valid American odds (must be ≤ -100 or ≥ +100)');
  });
});
