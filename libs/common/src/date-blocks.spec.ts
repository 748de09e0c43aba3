import { dateBlockFolds, dateBlocks } from './date-blocks';

describe('dateBlockFolds', () => {
  const dates = ['2026-01-01', '2026-01-03', '2026-01-01', '2026-01-02', '2026-01-04', '2026-01-02', '2026-01-05', '2026-01-06'];

  it('holds out each date block once and fits on every other row, ascending', () => {
    const folds = dateBlockFolds(dates, 3);
    expect(folds.map((f) => f.held)).toEqual(dateBlocks(dates, 3));
    for (const { held, fitRows } of folds) {
      expect([...held.rows, ...fitRows].sort((a, b) => a - b)).toEqual(dates.map((_, i) => i));
      expect(fitRows).toEqual([...fitRows].sort((a, b) => a - b));
      // No fitting row shares a game date with the held block.
      const heldDates = new Set(held.rows.map((r) => dates[r]));
      expect(fitRows.some((r) => heldDates.has(dates[r]))).toBe(false);
    }
  });

  it('refuses fewer than two folds', () => {
    expect(() => dateBlockFolds(dates, 1)).toThrow(RangeError);
  });
});
