import { InvalidInputError } from '../errors';
import { byBucket } from './by-bucket';
import { bias, mae, rmse, withinShare } from './regression';

const predicted = [10, 12, 8, 20];
const actual = [12, 12, 5, 21]; // errors -2, 0, 3, -1

describe('regression metrics', () => {
  it('computes MAE, RMSE, bias and within-k share by hand', () => {
    expect(mae(predicted, actual)).toBe(1.5);
    expect(rmse(predicted, actual)).toBeCloseTo(Math.sqrt(14 / 4), 12);
    expect(bias(predicted, actual)).toBe(0);
    expect(withinShare(predicted, actual, 2)).toBe(0.75);
    expect(withinShare(predicted, actual, 0)).toBe(0.25);
  });

  it('is NaN when empty and throws on mismatched lengths', () => {
    expect(mae([], [])).toBeNaN();
    expect(() => mae([1], [])).toThrow(InvalidInputError);
  });
});

describe('byBucket', () => {
  it('groups by key into [edge, edge) buckets and summarises non-empty ones', () => {
    const rows = [
      { minutes: 5, e: 1 },
      { minutes: 15, e: 2 },
      { minutes: 18, e: 4 },
      { minutes: 36, e: 6 },
      { minutes: Number.NaN, e: 100 },
    ];
    const out = byBucket(
      rows,
      (r) => r.minutes,
      [10, 20, 30],
      (g) => g.reduce((s, r) => s + r.e, 0) / g.length,
    );
    expect(out).toEqual([
      { label: '[-Infinity, 10)', lower: -Infinity, upper: 10, count: 1, value: 1 },
      { label: '[10, 20)', lower: 10, upper: 20, count: 2, value: 3 },
      { label: '[30, Infinity)', lower: 30, upper: Infinity, count: 1, value: 6 },
    ]);
    expect(() =>
      byBucket(
        rows,
        (r) => r.minutes,
        [20, 10],
        () => 0,
      ),
    ).toThrow(InvalidInputError);
  });
});
