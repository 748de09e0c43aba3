import { ProbabilityModel } from '@propcast/prediction';
import { featureColumn } from '../dataset/stat-dataset';
import { consecutiveDates, statDatasetFixture } from '../testing/stat-dataset.fixture';
import { baselineFeature, evaluateBaselines } from './baselines';
import { evaluatePredictions } from './evaluate-predictions';
import { selectLines } from './line-selection';

describe('evaluation', () => {
  const names = statDatasetFixture({ dates: ['2020-01-01'], perDate: 1 }).featureNames;
  const seasonAvg = names.indexOf('points_season_avg');
  const last10 = names.indexOf('points_avg_last10');
  // Row 0 has no season average yet (first game of the season).
  const ds = statDatasetFixture({
    dates: consecutiveDates('2020-01-01', 10),
    perDate: 30,
    value: (i, j) => (j === seasonAvg && i === 0 ? Number.NaN : j === seasonAvg || j === last10 ? 10 + (i % 3) : 1),
    target: (i) => 10 + (i % 4),
  });
  const probability = ProbabilityModel.fit(
    Array.from({ length: 400 }, (_, i) => ({ predicted: 10 + (i % 3), actual: 9 + (i % 5), line: 10.5 })),
    { residual: { minRowsPerBucket: 50 } },
  );

  it('reads baselines from the feature columns by name and fills NaN with the fallback, counting the rows', () => {
    expect(baselineFeature(ds, 'last10')).toBe('points_avg_last10');
    const b = evaluateBaselines(ds, 7.5);
    expect(b.seasonAvg.fallbackRows).toBe(1);
    expect(b.last10.fallbackRows).toBe(0);
    expect(b.fallbackValue).toBe(7.5);
    expect(b.seasonAvg.feature).toBe('points_season_avg');
  });

  it('grades against real lines where known and proxy lines (floor(season avg) + 0.5) otherwise, separately', () => {
    const withReal = { ...ds, line: ds.line.map((_, i) => (i >= 200 ? 11 : Number.NaN)) };
    const lines = selectLines(withReal);
    expect(lines.source[250]).toBe('real');
    expect(lines.source[150]).toBe('proxy');
    expect(lines.source[0]).toBeNull();
    expect(lines.line[150]).toBe(Math.floor(featureColumn(ds, 'points_season_avg')[150]) + 0.5);
    const e = evaluatePredictions(withReal, new Float32Array(ds.size).fill(11), probability, 10);
    expect((e.overUnder.real?.n ?? 0) + (e.overUnder.real?.pushes ?? 0)).toBe(100);
    expect(e.overUnder.real?.pushes).toBeGreaterThan(0);
    expect(e.overUnder.proxy?.lineSource).toBe('proxy');
    expect(e.overUnder.proxy?.n).toBe(ds.size - 100 - 1);
  });

  it('reports MAE, RMSE, bias, within 3/5 and minutes buckets', () => {
    const e = evaluatePredictions(ds, new Float32Array(ds.size).fill(11), probability, 10);
    expect(e.model.n).toBe(ds.size);
    expect(e.model.mae).toBeCloseTo(1, 6);
    expect(e.model.bias).toBeCloseTo(11 - 11.5, 1);
    expect(e.model.within3).toBe(1);
    expect(e.byMinutes.map((b) => b.bucket)).toEqual(['<10', '10-20', '20-30', '30+']);
    expect(e.byMinutes.reduce((s, b) => s + b.n, 0)).toBe(ds.size);
  });
});
