import type { ModelTarget } from '@propcast/contracts';
import { counter, gauge, histogram } from '@propcast/observability';

/** Prometheus metrics of training runs (an alert watches failures and their last timestamp). */
export class TrainingMetrics {
  private readonly runs = counter('propcast_training_runs_total', 'Training runs finished, by stat and status (SUCCEEDED, FAILED)', ['stat', 'status']);
  private readonly lastFailure = gauge('propcast_training_last_failure_timestamp_seconds', 'Unix time of the last failed training run per stat', ['stat']);
  private readonly lastSuccess = gauge('propcast_training_last_success_timestamp_seconds', 'Unix time of the last successful training run per stat', ['stat']);
  private readonly duration = histogram('propcast_training_duration_seconds', 'Wall time of training runs per stat', ['stat', 'status'], [10, 30, 60, 120, 300, 600, 1200, 2400, 3600, 7200]);
  private readonly testMae = gauge('propcast_model_test_mae', 'Test-split MAE of each trained model version', ['stat', 'model_version']);

  /** Counts a finished run, observes its duration and stamps the last failure or success of the stat. */
  runFinished(stat: ModelTarget, status: 'SUCCEEDED' | 'FAILED', seconds: number): void {
    this.runs.inc({ stat, status });
    this.duration.observe({ stat, status }, seconds);
    (status === 'FAILED' ? this.lastFailure : this.lastSuccess).set({ stat }, Date.now() / 1000);
  }

  /** Replaces the last-run gauges with what training_runs says (runs of every process, CronJobs included). */
  replaceLastRuns(runs: readonly { stat: ModelTarget; lastFailure: number | null; lastSuccess: number | null }[]): void {
    this.lastFailure.reset();
    this.lastSuccess.reset();
    for (const r of runs) {
      if (r.lastFailure !== null) this.lastFailure.set({ stat: r.stat }, r.lastFailure);
      if (r.lastSuccess !== null) this.lastSuccess.set({ stat: r.stat }, r.lastSuccess);
    }
  }

  /** Publishes a model version's test MAE. */
  modelTestMae(stat: ModelTarget, version: number, mae: number): void {
    this.testMae.set({ stat, model_version: String(version) }, mae);
  }
}
