import { GameDate, InvalidGameDateError } from './game-date';

describe('GameDate', () => {
  it.each(['2024-02-29', '2023-12-31', '2000-02-29', '1999-01-01'])('accepts the real date %s', (value) => {
    expect(GameDate.isValid(value)).toBe(true);
    expect(GameDate.parse(value, 'date')).toBe(value);
  });

  it.each(['2024-02-30', '2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-1-05', '2024-01-05T00:00:00Z', ' 2024-01-05', '', '20240105'])('rejects %j', (value) => {
    expect(GameDate.isValid(value)).toBe(false);
    expect(() => GameDate.parse(value, 'asOf')).toThrow(InvalidGameDateError);
  });

  it('rejects non-strings and names the field and value in the error', () => {
    expect(GameDate.isValid(20240105)).toBe(false);
    expect(GameDate.isValid(undefined)).toBe(false);
    let error: unknown;
    try {
      GameDate.parse('2024-02-30', 'window.from');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidGameDateError);
    expect(error).toMatchObject({ code: 'INVALID_GAME_DATE', field: 'window.from', message: 'window.from must be a date YYYY-MM-DD, got "2024-02-30"' });
  });

  it('parses a range and rejects one that runs backwards', () => {
    expect(GameDate.parseRange('2024-01-01', '2024-01-31')).toEqual({ from: '2024-01-01', to: '2024-01-31' });
    expect(GameDate.parseRange('2024-01-01', '2024-01-01')).toEqual({ from: '2024-01-01', to: '2024-01-01' });
    expect(() => GameDate.parseRange('2024-02-01', '2024-01-31')).toThrow(/from must be a date .*after to 2024-01-31/);
    expect(() => GameDate.parseRange('2024-01-01', '2024-02-30', { from: 'since', to: 'until' })).toThrow(/^until must be/);
  });

  it('does day arithmetic across month, leap-day and year boundaries', () => {
    expect(GameDate.addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(GameDate.addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(GameDate.addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(GameDate.addDays('2024-03-10', 0)).toBe('2024-03-10');
    expect(GameDate.daysBetween('2023-12-31', '2024-03-01')).toBe(61);
    expect(GameDate.daysBetween('2024-03-01', '2023-12-31')).toBe(-61);
    expect(GameDate.range('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(GameDate.range('2024-03-02', '2024-03-01')).toEqual([]);
  });

  it('converts between dates and UTC instants', () => {
    expect(GameDate.startOf('2024-03-10').toISOString()).toBe('2024-03-10T00:00:00.000Z');
    expect(GameDate.of(new Date('2024-03-10T23:59:59.999Z'))).toBe('2024-03-10');
    expect(GameDate.of(new Date('2024-03-10T20:00:00-05:00'))).toBe('2024-03-11');
  });
});
