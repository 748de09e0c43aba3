import { register } from 'prom-client';
import type { StoredDriftReport } from '../drift/drift.repository';
import { RefreshGradingMetricsUseCase } from './refresh-grading-metrics.usecase';

const values = async (name: string) => ((await register.getSingleMetric(name)?.get())?.values ?? []).map((v) => ({ labels: v.labels, value: v.value }));

const report = (stat: StoredDriftReport['stat'], maxPsi: number): StoredDriftReport => ({
  id: `d-${stat}`,
  modelId: `m-${stat}`,
  stat,
  windowFrom: '2025-01-01',
  windowTo: '2025-01-14',
  featureDrift: { features: [{ name: 'pts_avg_5', ks: 0.3 }], drifted: ['pts_avg_5'], ignored: [] },
  predictionDrift: { psi: 0.05, drifted: false },
  performance: null,
  maxPsi,
  maeRatio: 1.1,
  retrainRequested: false,
  createdAt: new Date('2025-01-15T00:00:00Z'),
});

describe('RefreshGradingMetricsUseCase (in-memory repositories)', () => {
  it('sets the drift gauges of the latest report per stat, reads no window before any grading, and replaces earlier values', async () => {
    let reports = [report('POINTS', 0.4), report('REBOUNDS', 0.1)];
    const windows: unknown[] = [];
    const useCase = new RefreshGradingMetricsUseCase({
      grades: { latestGradedDate: async () => null, gradedRows: async (q) => (windows.push(q), []) },
      drift: { latestPerStat: async () => reports },
    });

    await useCase.execute();
    expect(windows).toEqual([]);
    // An unlabelled gauge reads 0 once reset: no graded date yet.
    expect(await values('propcast_grading_last_graded_date_timestamp_seconds')).toEqual([{ labels: {}, value: 0 }]);
    expect(await values('propcast_drift_psi_max')).toEqual([
      { labels: { stat: 'POINTS' }, value: 0.4 },
      { labels: { stat: 'REBOUNDS' }, value: 0.1 },
    ]);
    expect(await values('propcast_drift_detected')).toEqual([
      { labels: { stat: 'POINTS' }, value: 1 },
      { labels: { stat: 'REBOUNDS' }, value: 1 },
    ]);

    reports = [report('ASSISTS', 0.2)];
    await useCase.execute();
    expect(await values('propcast_drift_psi_max')).toEqual([{ labels: { stat: 'ASSISTS' }, value: 0.2 }]);
  });

  it('reads the 14-day window ending at the latest graded date', async () => {
    const windows: unknown[] = [];
    const useCase = new RefreshGradingMetricsUseCase({
      grades: { latestGradedDate: async () => '2025-01-20', gradedRows: async (q) => (windows.push(q), []) },
      drift: { latestPerStat: async () => [] },
    });

    await useCase.execute();
    expect(windows).toEqual([{ from: '2025-01-07', to: '2025-01-20' }]);
    expect(await values('propcast_grading_last_graded_date_timestamp_seconds')).toEqual([{ labels: {}, value: Date.parse('2025-01-20T00:00:00Z') / 1000 }]);
  });
});
