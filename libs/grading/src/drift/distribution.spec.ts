import { binDistribution, driftStatistics, PSI_FLOOR } from './distribution';

/** Deterministic standard normals (Box-Muller over a fixed LCG). */
function normals(n: number, seed: number): number[] {
  let s = seed;
  const u = () => ((s = (s * 1664525 + 1013904223) % 4294967296) + 0.5) / 4294967296;
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
}

describe('binned drift statistics', () => {
  it('bins by deciles like the training summary: values on a cut point go above it', () => {
    const d = binDistribution([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, NaN, NaN]);
    expect(d.cutPoints).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(d.proportions).toEqual([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]);
    expect(d.nanShare).toBeCloseTo(2 / 12, 12);
  });

  it('computes PSI and KS by hand on a two-bin reference', () => {
    const reference = { cutPoints: [0], proportions: [0.5, 0.5], nanShare: 0 };
    // sample: 1 of 4 below 0, 3 at or above, no missing
    const stats = driftStatistics(reference, [-1, 0, 1, 2]);
    const psi = (0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.75 - 0.5) * Math.log(0.75 / 0.5);
    expect(stats.psi).toBeCloseTo(psi, 12);
    expect(stats.ks).toBeCloseTo(0.25, 12);
    expect(stats).toMatchObject({ n: 4, nanShare: 0 });
  });

  it('counts a change in the missing share, floored so an empty bin stays finite', () => {
    const reference = { cutPoints: [0], proportions: [0.5, 0.5], nanShare: 0 };
    const stats = driftStatistics(reference, [-1, 1, NaN, NaN]);
    const psi = 2 * (0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.5 - PSI_FLOOR) * Math.log(0.5 / PSI_FLOOR);
    expect(stats.psi).toBeCloseTo(psi, 12);
    expect(stats.ks).toBe(0);
  });

  it('flags a shifted feature and not an unshifted one', () => {
    const reference = binDistribution(normals(20_000, 1));
    const same = driftStatistics(reference, normals(3_000, 2));
    const shifted = driftStatistics(
      reference,
      normals(3_000, 3).map((x) => x + 0.75),
    );
    expect(same.psi).toBeLessThan(0.02);
    expect(same.ks).toBeLessThan(0.03);
    expect(shifted.psi).toBeGreaterThan(0.25);
    expect(shifted.ks).toBeGreaterThan(0.25);
  });
});
