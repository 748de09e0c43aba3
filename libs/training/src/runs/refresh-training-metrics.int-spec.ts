import { LastRunsRepository } from './last-runs.repository';
import { register } from 'prom-client';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { RefreshTrainingMetricsUseCase } from './refresh-training-metrics.usecase';

describe('RefreshTrainingMetricsUseCase', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const run = (id: string, stat: string, status: string, finishedAt: string | null) =>
    db.pool.query(`INSERT INTO training_runs (id, stat, status, trigger, params, started_at, finished_at) VALUES ($1, $2::"StatType", $3::"TrainingRunStatus", 'cron', '{}', now(), $4)`, [
      id,
      stat,
      status,
      finishedAt,
    ]);
  const values = async (name: string) => Object.fromEntries(((await register.getSingleMetric(name)?.get())?.values ?? []).map((v) => [v.labels['stat'], v.value]));

  it('sets the last failure and success of every stat from training_runs, as another process (a CronJob) left them', async () => {
    await run('r1', 'POINTS', 'FAILED', '2026-11-20 06:00:00');
    await run('r2', 'POINTS', 'FAILED', '2026-11-21 06:00:00');
    await run('r3', 'POINTS', 'SUCCEEDED', '2026-11-19 06:00:00');
    await run('r4', 'THREES', 'SUCCEEDED', '2026-11-21 07:00:00');
    await run('r5', 'ASSISTS', 'RUNNING', null);

    const runs = await new RefreshTrainingMetricsUseCase(new LastRunsRepository(db.pool)).execute();
    const at = (iso: string) => Date.parse(`${iso}Z`) / 1000;
    expect(runs).toEqual([
      { stat: 'POINTS', lastFailure: at('2026-11-21T06:00:00'), lastSuccess: at('2026-11-19T06:00:00') },
      { stat: 'THREES', lastFailure: null, lastSuccess: at('2026-11-21T07:00:00') },
    ]);
    expect(await values('propcast_training_last_failure_timestamp_seconds')).toEqual({ POINTS: at('2026-11-21T06:00:00') });
    expect(await values('propcast_training_last_success_timestamp_seconds')).toEqual({ POINTS: at('2026-11-19T06:00:00'), THREES: at('2026-11-21T07:00:00') });
  });

  it('drops what the table no longer holds', async () => {
    await db.pool.query(`DELETE FROM training_runs WHERE stat = 'POINTS'`);
    await new RefreshTrainingMetricsUseCase(new LastRunsRepository(db.pool)).execute();
    expect(await values('propcast_training_last_failure_timestamp_seconds')).toEqual({});
  });
});
