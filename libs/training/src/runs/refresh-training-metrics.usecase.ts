import type { ModelTarget } from '@propcast/contracts';
import type { LastRunsRepository } from './last-runs.repository';
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
    private readonly runs: Pick<LastRunsRepository, 'lastRuns'>,
    private readonly metrics = new TrainingMetrics(),
  ) {}

  async execute(): Promise<LastRuns[]> {
    const runs = await this.runs.lastRuns();
    this.metrics.replaceLastRuns(runs);
    return runs;
  }
}
