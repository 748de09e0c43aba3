import { ALL_STATS } from '@propcast/contracts';
import type { PlayerGameRows } from '../dataset/dataset.types';
import { toStatDataset } from '../dataset/stat-dataset';
import { parseStats } from '../stats';
import { consecutiveDates, statDatasetFixture } from '../testing/stat-dataset.fixture';
import { MINUTES_PROJECTION_FEATURE, storedFeatureNames, withMinutesProjection } from './minutes-projection';

function rowsOf(): PlayerGameRows {
  const ds = statDatasetFixture({ dates: consecutiveDates('2020-01-01', 3), perDate: 4 });
  const stat = (v: number) => Object.fromEntries(ALL_STATS.map((s) => [s, new Float32Array(ds.size).fill(v)])) as PlayerGameRows['targets'];
  return { ...ds, targets: stat(7), lines: stat(6.5) };
}

describe('MINUTES, the minutes model target', () => {
  it('is trained only when named: all means the five prop stats; minutes,all puts it first', () => {
    expect(parseStats('all')).toEqual([...ALL_STATS]);
    expect(parseStats('minutes,all')).toEqual(['MINUTES', ...ALL_STATS]);
    expect(parseStats(['Minutes', 'points', 'MINUTES'])).toEqual(['MINUTES', 'POINTS']);
    expect(() => parseStats('steals')).toThrow('unknown stat "STEALS"; expected one of POINTS, REBOUNDS, ASSISTS, THREES, PRA, MINUTES or all');
  });

  it('targets the minutes played and has no prop line', () => {
    const rows = rowsOf();
    const ds = toStatDataset(rows, 'MINUTES');
    expect([...ds.target]).toEqual([...rows.minutes]);
    expect(ds.line.every(Number.isNaN)).toBe(true);
    expect([...toStatDataset(rows, 'POINTS').line]).toEqual(Array(rows.size).fill(6.5));
  });

  it('appends the projection as the last column and takes it out of the stored columns', () => {
    const rows = rowsOf();
    const projection = Float32Array.from({ length: rows.size }, (_, i) => 20 + i);
    const projected = withMinutesProjection(rows, projection);
    const ncol = rows.featureNames.length;
    expect(projected.featureNames).toEqual([...rows.featureNames, MINUTES_PROJECTION_FEATURE]);
    for (let i = 0; i < rows.size; i++) {
      expect([...projected.features.subarray(i * (ncol + 1), i * (ncol + 1) + ncol)]).toEqual([...rows.features.subarray(i * ncol, (i + 1) * ncol)]);
      expect(projected.features[i * (ncol + 1) + ncol]).toBe(20 + i);
    }
    expect(storedFeatureNames(projected.featureNames)).toEqual([...rows.featureNames]);
    expect(() => withMinutesProjection(projected, new Float32Array(rows.size))).toThrow('already hold a minutes projection');
    expect(() => withMinutesProjection(rows, new Float32Array(2))).toThrow(`2 projections for ${rows.size} rows`);
  });
});
