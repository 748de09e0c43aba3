import { register } from 'prom-client';
import { RefreshTrainingMetricsUseCase, type LastRuns } from './refresh-training-metrics.usecase';
import { TrainingMetrics } from './training-metrics';

/** The gauge values of one metric, by stat. */
async function gaugeByStat(name: string): Promise<Record<string, number>> {
  return Object.fromEntries(((await register.getSingleMetric(name)?.get())?.values ?? []).map((v) => [String(v.labels['stat']), v.value]));
}

describe('RefreshTrainingMetricsUseCase (in-memory repository)', () => {
  it('replaces the last-run gauges with what the repository reports, dropping stats it no longer lists', async () => {
    let stored: LastRuns[] = [
      { stat: 'POINTS', lastFailure: 1_700_000_000, lastSuccess: 1_700_000_500 },
      { stat: 'REBOUNDS', lastFailure: null, lastSuccess: 1_700_000_900 },
    ];
    const useCase = new RefreshTrainingMetricsUseCase({ lastRuns: async () => stored }, new TrainingMetrics());

    expect(await useCase.execute()).toEqual(stored);
    expect(await gaugeByStat('propcast_training_last_failure_timestamp_seconds')).toEqual({ POINTS: 1_700_000_000 });
    expect(await gaugeByStat('propcast_training_last_success_timestamp_seconds')).toEqual({ POINTS: 1_700_000_500, REBOUNDS: 1_700_000_900 });

    stored = [{ stat: 'ASSISTS', lastFailure: 1_700_001_000, lastSuccess: null }];
    await useCase.execute();
    expect(await gaugeByStat('propcast_training_last_failure_timestamp_seconds')).toEqual({ ASSISTS: 1_700_001_000 });
    expect(await gaugeByStat('propcast_training_last_success_timestamp_seconds')).toEqual({});
  });
});
