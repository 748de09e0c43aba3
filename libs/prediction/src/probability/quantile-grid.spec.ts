import { gridCdf, gridQuantile, sampleQuantiles } from './quantile-grid';

describe('quantile grid', () => {
  const p = [0, 0.25, 0.5, 0.75, 1];

  it('computes type-7 sample quantiles', () => {
    expect(sampleQuantiles([1, 2, 3, 4, 5], p)).toEqual([1, 2, 3, 4, 5]);
    expect(sampleQuantiles([0, 10], [0, 0.3, 1])).toEqual([0, 3, 10]);
    expect(sampleQuantiles([7], [0, 0.5, 1])).toEqual([7, 7, 7]);
  });

  it('inverts to a piecewise-linear CDF, 0 below the minimum and 1 from the maximum', () => {
    const q = [0, 2, 4, 6, 8];
    expect(gridCdf(p, q, -1)).toBe(0);
    expect(gridCdf(p, q, 0)).toBe(0);
    expect(gridCdf(p, q, 3)).toBe(0.375);
    expect(gridCdf(p, q, 8)).toBe(1);
    expect(gridQuantile(p, q, 0.375)).toBe(3);
    expect(gridQuantile(p, q, 1)).toBe(8);
  });

  it('is right-continuous at atoms (tied quantiles)', () => {
    const q = [0, 1, 1, 1, 2];
    expect(gridCdf(p, q, 0.999)).toBeCloseTo(0.2498, 4);
    expect(gridCdf(p, q, 1)).toBe(0.75);
  });
});
