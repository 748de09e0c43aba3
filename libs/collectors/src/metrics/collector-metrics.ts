import { gauge } from '@propcast/observability';
import type { CollectorStateRepository } from '../state/collector-state.repository';

/**
 * Each collector's health as Prometheus gauges, re-read from collector_status: collectors run as CronJobs whose
 * processes are never scraped, so a long-running service (ingestion) exports what they recorded.
 */
export class CollectorMetrics {
  private readonly lastSuccess = gauge('propcast_collector_last_success_timestamp_seconds', 'last run of a collector that ended without an error (unix seconds)', ['collector']);
  private readonly lastRun = gauge('propcast_collector_last_run_timestamp_seconds', 'last run of a collector (unix seconds)', ['collector']);
  private readonly rows = gauge('propcast_collector_rows', 'rows a collector had accepted by the ingestion API, since it first ran', ['collector']);
  private readonly errors = gauge('propcast_collector_errors', "errors of a collector's runs (upstream, quota, ingestion), since it first ran", ['collector']);
  private readonly quota = gauge('propcast_collector_quota_remaining', 'request credits left at the upstream, as its last answer said (The Odds API x-requests-remaining)', ['collector']);
  private readonly pending = gauge('propcast_collector_pending_snapshots', 'snapshots fetched but not yet answered for by the ingestion API', ['collector']);

  constructor(private readonly state: CollectorStateRepository) {}

  /** Reads collector_status once and sets the gauges. */
  async refresh(): Promise<void> {
    for (const s of await this.state.statuses()) {
      const labels = { collector: s.collector };
      if (s.lastSuccessAt) this.lastSuccess.set(labels, s.lastSuccessAt.getTime() / 1000);
      if (s.lastRunAt) this.lastRun.set(labels, s.lastRunAt.getTime() / 1000);
      this.rows.set(labels, s.rowsTotal);
      this.errors.set(labels, s.errorsTotal);
      if (s.quotaRemaining !== null) this.quota.set(labels, s.quotaRemaining);
      this.pending.set(labels, s.pendingSnapshots);
    }
  }
}
