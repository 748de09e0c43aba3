import { oneSidedPairedTest, oneSidedWelchTest, regularizedIncompleteBeta, studentTUpperTail } from './paired-test';

describe('oneSidedPairedTest', () => {
  it('matches Student t tail values from tables', () => {
    // t(0.95, 10) = 1.812461, t(0.99, 20) = 2.527977, t(0.975, 1) = 12.7062
    expect(studentTUpperTail(1.812461, 10)).toBeCloseTo(0.05, 5);
    expect(studentTUpperTail(2.527977, 20)).toBeCloseTo(0.01, 5);
    expect(studentTUpperTail(12.7062, 1)).toBeCloseTo(0.025, 5);
    expect(studentTUpperTail(0, 7)).toBeCloseTo(0.5, 12);
    expect(studentTUpperTail(-1.812461, 10)).toBeCloseTo(0.95, 5);
    expect(regularizedIncompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
  });

  it('computes t and the one-sided p of a known sample', () => {
    // d = 1..5 shifted: mean 1, sd sqrt(2.5), se sqrt(0.5), t = sqrt(2), df 4 -> p = 0.115100 (scipy.stats.t.sf)
    const r = oneSidedPairedTest([-1, 0, 1, 2, 3]);
    expect(r.mean).toBe(1);
    expect(r.t as number).toBeCloseTo(Math.SQRT2, 12);
    expect(r.pValue).toBeCloseTo(0.1151, 4);
  });

  it('rejects only in the favoured direction', () => {
    const better = Array.from({ length: 400 }, (_, i) => 0.002 + 0.01 * Math.sin(i));
    const worse = better.map((d) => -d);
    expect(oneSidedPairedTest(better).pValue).toBeLessThan(0.01);
    expect(oneSidedPairedTest(worse).pValue).toBeGreaterThan(0.99);
  });

  it('cannot reject without variation or with fewer than two pairs', () => {
    expect(oneSidedPairedTest([]).pValue).toBe(1);
    expect(oneSidedPairedTest([0.5]).pValue).toBe(1);
    expect(oneSidedPairedTest([0, 0, 0]).pValue).toBe(1);
    expect(() => oneSidedPairedTest([Number.NaN, 1])).toThrow(RangeError);
  });
});

describe('oneSidedWelchTest', () => {
  it('matches a known two-sample case', () => {
    // x = 1..5 (mean 3, var 2.5), y = 0..4 shifted by -1 (mean 1, var 2.5): t = 2 / sqrt(1) = 2, df = 8 -> p = 0.040258 (scipy ttest_ind, equal_var=False)
    const r = oneSidedWelchTest([1, 2, 3, 4, 5], [-1, 0, 1, 2, 3]);
    expect(r.t as number).toBeCloseTo(2, 12);
    expect(r.pValue).toBeCloseTo(0.040258, 5);
    expect(oneSidedWelchTest([-1, 0, 1, 2, 3], [1, 2, 3, 4, 5]).pValue).toBeCloseTo(1 - 0.040258, 5);
    expect(oneSidedWelchTest([1], [1, 2]).pValue).toBe(1);
  });
});
