import { consecutiveDates, statDatasetFixture } from '../testing/stat-dataset.fixture';
import { summarizeFeatures } from './feature-distribution';

describe('summarizeFeatures', () => {
  const ds = statDatasetFixture({ dates: consecutiveDates('2020-01-01', 10), perDate: 100, value: (i, j) => (j === 1 && i % 4 === 0 ? Number.NaN : j === 0 ? i : 3) });
  const summary = summarizeFeatures(ds);

  it('gives one summary per feature in order, with NaN share, mean and std', () => {
    expect(summary.map((s) => s.name)).toEqual([...ds.featureNames]);
    expect(summary[1].nanShare).toBeCloseTo(0.25, 10);
    expect(summary[0].mean).toBeCloseTo(499.5, 6);
    expect(summary[2].std).toBe(0);
  });

  it('cuts 10 decile bins whose proportions sum to one', () => {
    expect(summary[0].cutPoints).toHaveLength(9);
    expect(summary[0].proportions).toHaveLength(10);
    for (const p of summary[0].proportions) expect(p).toBeCloseTo(0.1, 6);
    expect(summary[2].proportions.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });
});
