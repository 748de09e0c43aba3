import { RollingWindow } from './rolling-window';

describe('RollingWindow', () => {
  it('returns NaN summaries when empty', () => {
    const w = new RollingWindow(4);
    expect(w.size).toBe(0);
    for (const v of [w.mean(), w.std(), w.min(), w.max(), w.median(new Float64Array(4)), w.slope()]) expect(v).toBeNaN();
    expect(w.sum()).toBe(0);
  });

  it('keeps only the last `capacity` values across wrap-around', () => {
    const w = new RollingWindow(3);
    [1, 2, 3, 4, 5].forEach((v) => w.push(v));
    expect(w.size).toBe(3);
    expect([w.recent(0), w.recent(1), w.recent(2)]).toEqual([5, 4, 3]);
    expect(w.mean()).toBe(4);
    expect(w.mean(2)).toBe(4.5);
    expect(w.mean(10)).toBe(4);
    expect(w.min()).toBe(3);
    expect(w.max()).toBe(5);
  });

  it('computes sample std, median and least-squares slope over held values in order', () => {
    const w = new RollingWindow(10);
    const xs = [10, 2, 8, 4, 6];
    xs.forEach((v) => w.push(v));
    expect(w.std()).toBeCloseTo(Math.sqrt(10), 12);
    expect(w.median(new Float64Array(10))).toBe(6);
    w.push(7);
    expect(w.median(new Float64Array(10))).toBe(6.5);
    // y = 10,2,8,4,6,7 against x = 0..5: slope = sum((x-2.5)*y) / 17.5 = -3.5 / 17.5
    expect(w.slope()).toBeCloseTo(-0.2, 12);
  });

  it('gives the exact slope of a line and NaN std/slope for one value', () => {
    const w = new RollingWindow(5);
    w.push(3);
    expect(w.std()).toBeNaN();
    expect(w.slope()).toBeNaN();
    for (let i = 1; i < 9; i++) w.push(3 + 2 * i);
    expect(w.slope()).toBe(2);
    expect(w.std()).toBeCloseTo(Math.sqrt(10), 12);
  });

  it('rejects a non-positive capacity', () => {
    expect(() => new RollingWindow(0)).toThrow(RangeError);
  });
});
