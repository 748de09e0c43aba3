import { DatasetTooSmallError } from '../errors';
import type { DateWindow, StatDataset } from './dataset.types';
import { selectRows } from './stat-dataset';

/** Share of rows (by whole dates) in the training and validation splits; the test split gets the rest. */
export interface SplitFractions {
  train: number;
  validation: number;
}

/** Train / validation / test datasets with the dates each one covers. */
export interface DateSplits {
  train: StatDataset;
  validation: StatDataset;
  test: StatDataset;
  ranges: { train: DateWindow; validation: DateWindow; test: DateWindow };
}

export const DEFAULT_SPLIT: SplitFractions = Object.freeze({ train: 0.7, validation: 0.15 });

/**
 * Splits by whole game dates in time order: the oldest dates holding ~70% of rows train, the next ~15% validate,
 * the most recent ~15% test. A date (so a game, and every player-game of a test date) belongs to exactly one split,
 * and every test date is after every validation date, which is after every training date.
 */
export function splitByDate(ds: StatDataset, fractions: SplitFractions = DEFAULT_SPLIT): DateSplits {
  const counts = new Map<string, number>();
  for (const d of ds.gameDates) counts.set(d, (counts.get(d) ?? 0) + 1);
  const dates = [...counts.keys()].sort();
  const n = dates.length;
  if (n < 3) throw new DatasetTooSmallError(ds.stat, ds.size, `need at least 3 game dates to split, got ${n}`);

  // First date index of the validation and test splits: the first date starting at or past each row share.
  let firstValidation = n;
  let firstTest = n;
  let before = 0;
  dates.forEach((date, i) => {
    if (firstValidation === n && before >= fractions.train * ds.size) firstValidation = i;
    if (firstTest === n && before >= (fractions.train + fractions.validation) * ds.size) firstTest = i;
    before += counts.get(date) ?? 0;
  });
  // Every split keeps at least one date, even on tiny datasets.
  firstValidation = Math.min(Math.max(firstValidation, 1), n - 2);
  firstTest = Math.min(Math.max(firstTest, firstValidation + 1), n - 1);

  const splitOfDate = new Map(dates.map((d, i) => [d, i < firstValidation ? 0 : i < firstTest ? 1 : 2] as const));
  const indices: [number[], number[], number[]] = [[], [], []];
  ds.gameDates.forEach((d, i) => indices[splitOfDate.get(d) ?? 0].push(i));
  const range = (start: number, end: number): DateWindow => ({ from: dates[start], to: dates[end - 1] });
  return {
    train: selectRows(ds, indices[0]),
    validation: selectRows(ds, indices[1]),
    test: selectRows(ds, indices[2]),
    ranges: { train: range(0, firstValidation), validation: range(firstValidation, firstTest), test: range(firstTest, n) },
  };
}
