import { emptySummary, RollingWindow } from './rolling-window';

function summary(values: number[], capacity = 10) {
  const w = new RollingWindow(capacity);
  values.forEach((v) => w.push(v));
  const s = emptySummary();
  w.summarize(s);
  return { w, s };
}

describe('RollingWindow', () => {
  it('summarises an empty window as NaN', () => {
    const { w, s } = summary([]);
    expect(w.size).toBe(0);
    expect(w.sum()).toBe(0);
    expect(w.mean()).toBeNaN();
    expect(s).toEqual({ count: 0, mean3: NaN, mean5: NaN, mean: NaN, std: NaN, min: NaN, max: NaN, median: NaN, slope: NaN });
  });

  it('keeps only the last `capacity` values across wrap-around, in order', () => {
    const { w, s } = summary([1, 2, 3, 4, 5, 6, 7], 4);
    expect(w.size).toBe(4);
    expect(w.sum()).toBe(22);
    expect(w.mean()).toBe(5.5);
    expect(s).toMatchObject({ count: 4, mean3: 6, mean: 5.5, min: 4, max: 7, median: 5.5, slope: 1 });
    expect(s.mean5).toBe(5.5); // fewer than 5 held: mean of all
  });

  it('computes short means, sample std, median and least-squares slope', () => {
    const { s } = summary([10, 2, 8, 4, 6, 7]);
    expect(s.mean3).toBeCloseTo(17 / 3, 12);
    expect(s.mean5).toBeCloseTo(27 / 5, 12);
    expect(s.mean).toBeCloseTo(37 / 6, 12);
    expect(s.std).toBeCloseTo(Math.sqrt(((10 - 37 / 6) ** 2 + (2 - 37 / 6) ** 2 + (8 - 37 / 6) ** 2 + (4 - 37 / 6) ** 2 + (6 - 37 / 6) ** 2 + (7 - 37 / 6) ** 2) / 5), 12);
    expect(s.median).toBe(6.5);
    // y = 10,2,8,4,6,7 against x = 0..5: sum((x - 2.5) * y) / 17.5 = -3.5 / 17.5
    expect(s.slope).toBeCloseTo(-0.2, 12);
    expect(summary([10, 2, 8, 4, 6]).s.median).toBe(6);
  });

  it('gives the exact slope of a line and NaN std/slope for a single value', () => {
    expect(summary([3]).s).toMatchObject({ count: 1, mean3: 3, mean: 3, std: NaN, slope: NaN, median: 3 });
    const { s } = summary([3, 5, 7, 9, 11, 13, 15, 17, 19], 5);
    expect(s.slope).toBe(2);
    expect(s.std).toBeCloseTo(Math.sqrt(10), 12);
  });

  it('does not disturb its contents when summarising (median sorts a copy)', () => {
    const { w, s } = summary([5, 1, 4]);
    w.push(0);
    w.summarize(s);
    expect(s).toMatchObject({ count: 4, mean3: 5 / 3, slope: -1.2, median: 2.5 });
  });

  it('rejects a non-positive capacity', () => {
    expect(() => new RollingWindow(0)).toThrow(RangeError);
  });
});
