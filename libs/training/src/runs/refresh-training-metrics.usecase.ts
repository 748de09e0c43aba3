import type { Pool } from 'pg';
import type { ModelTarget } from '@propcast/contracts';
import { TrainingMetrics } from './training-metrics';

/** The newest finished runs of one stat, as unix seconds (null: none). */
export interface LastRuns {
  stat: ModelTarget;
  lastFailure: number | null;
  lastSuccess: number | null;
}

/**
 * Sets the last-failure and last-success gauges of every stat from training_runs, whichever process trained (the
 * trainer service, or a `propcast train` CronJob whose own metrics are never scraped), so the training-failed alert
 * sees every run.
 */
export class RefreshTrainingMetricsUseCase {
  constructor(
    private readonly pool: Pool,
    private readonly metrics = new TrainingMetrics(),
  ) {}

  async execute(): Promise<LastRuns[]> {
    const result = await this.pool.query<{ stat: ModelTarget; failed: number | null; succeeded: number | null }>(
      `SELECT stat,
              extract(epoch FROM max(finished_at) FILTER (WHERE status = 'FAILED'))::float8 AS failed,
              extract(epoch FROM max(finished_at) FILTER (WHERE status = 'SUCCEEDED'))::float8 AS succeeded
       FROM training_runs WHERE finished_at IS NOT NULL GROUP BY stat ORDER BY stat`,
    );
    const runs = result.rows.map((r) => ({ stat: r.stat, lastFailure: r.failed, lastSuccess: r.succeeded }));
    this.metrics.replaceLastRuns(runs);
    return runs;
  }
}
