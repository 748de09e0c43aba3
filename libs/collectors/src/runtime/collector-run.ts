import type { SnapshotPublisher } from '../ingest/snapshot-publisher';
import type { CollectorStateRepository } from '../state/collector-state.repository';
import type { Clock } from './clock';

/** What every collector run report counts of its posts to the ingestion API. */
export interface CollectorRunTally {
  posted: number;
  acceptedRows: number;
  duplicates: number;
  rejectedRows: number;
  errors: string[];
}

/**
 * The bookkeeping every collector run shares: posting its pending snapshots to ingestion (counted into the run's
 * report) and recording the run's status for /metrics (collector_status).
 */
export class CollectorRun {
  constructor(
    private readonly collector: string,
    private readonly publisher: SnapshotPublisher,
    private readonly state: CollectorStateRepository,
    private readonly clock: Clock,
  ) {}

  /** Posts the pending snapshots in capture order; throws when ingestion is unreachable (they stay for the next run). */
  async publishPending(report: CollectorRunTally): Promise<void> {
    const out = await this.publisher.publishPending(this.collector);
    report.posted += out.posted;
    report.acceptedRows += out.rows;
    report.duplicates += out.duplicates;
    report.rejectedRows += out.rejectedRows;
    report.errors.push(...out.errors);
    if (out.unreachable) throw new Error(`ingestion API unreachable, snapshots kept for the next run: ${out.unreachable}`);
  }

  /** Records the run (success when it had no error) with its accepted rows and, for the odds collector, its quota. */
  async record(report: CollectorRunTally, quota: { remaining?: number; used?: number } = {}): Promise<void> {
    await this.state.recordRun(this.collector, {
      at: this.clock.now(),
      ok: report.errors.length === 0,
      rows: report.acceptedRows,
      errors: report.errors.length,
      error: report.errors[0],
      quotaRemaining: quota.remaining,
      quotaUsed: quota.used,
    });
  }
}
