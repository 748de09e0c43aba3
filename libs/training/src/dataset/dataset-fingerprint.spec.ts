import { consecutiveDates, statDatasetFixture } from '../testing/stat-dataset.fixture';
import { datasetFingerprint } from './dataset-fingerprint';
import { selectRows } from './stat-dataset';

describe('datasetFingerprint', () => {
  const ds = statDatasetFixture({ dates: consecutiveDates('2020-01-01', 5), perDate: 3 });

  it('is a stable sha256 of the row ids, feature set and window', () => {
    expect(datasetFingerprint(ds)).toMatch(/^[0-9a-f]{64}$/);
    expect(datasetFingerprint(ds)).toBe(datasetFingerprint({ ...ds }));
  });

  it('changes with the rows, the window and the feature set', () => {
    const base = datasetFingerprint(ds);
    expect(datasetFingerprint(selectRows(ds, [0, 1, 2]))).not.toBe(base);
    expect(datasetFingerprint({ ...ds, window: { from: '2019-01-01', to: ds.window.to } })).not.toBe(base);
    expect(datasetFingerprint({ ...ds, featureSetId: 'player-props@v2' })).not.toBe(base);
  });
});
