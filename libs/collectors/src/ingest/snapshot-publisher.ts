import { IngestRefusedError } from '../http/collector-errors';
import type { Clock } from '../runtime/clock';
import type { CollectorStateRepository, StoredSnapshot } from '../state/collector-state.repository';
import type { IngestApiClient } from './ingest-api.client';

/** What publishing pending snapshots did. */
export interface PublishOutcome {
  posted: number;
  /** Rows the ingestion API accepted (inserted, updated or unchanged). */
  rows: number;
  duplicates: number;
  /** Snapshots ingestion refused whole (422). */
  rejected: number;
  /** Rows ingestion left out of accepted partial batches (unknown players...; kept in the batch's rejects file). */
  rejectedRows: number;
  notes: string[];
  /** Set when the ingestion API could not be reached (not also in `errors`): that snapshot and the rest stay pending. */
  unreachable?: string;
  errors: string[];
}

/**
 * Posts a collector's stored, unanswered snapshots to the ingestion API in capture order and records each answer.
 * A snapshot is only marked done once ingestion answered for it, so a process killed anywhere re-posts it on its next
 * run: the bytes are the same, so ingestion answers DUPLICATE instead of storing the lines twice.
 */
export class SnapshotPublisher {
  constructor(
    private readonly state: CollectorStateRepository,
    private readonly ingest: IngestApiClient,
    private readonly clock: Clock,
  ) {}

  /** Posts every pending snapshot of `collector`; stops at the first unreachable answer (order kept for the next run). */
  async publishPending(collector: string): Promise<PublishOutcome> {
    const outcome: PublishOutcome = { posted: 0, rows: 0, duplicates: 0, rejected: 0, rejectedRows: 0, notes: [], errors: [] };
    for (const s of await this.state.pending(collector)) {
      if (!(await this.publishOne(s, outcome))) break;
    }
    return outcome;
  }

  private async publishOne(s: StoredSnapshot, outcome: PublishOutcome): Promise<boolean> {
    try {
      const answer = await this.ingest.post({ kind: s.kind, body: s.body, contentType: s.contentType, query: s.query });
      await this.state.markAnswered(s.id, { at: this.clock.now(), batchId: answer.batchId, status: answer.status });
      outcome.posted++;
      if (answer.status === 'DUPLICATE') outcome.duplicates++;
      else outcome.rows += answer.rows.accepted;
      if (answer.status === 'PARTIAL') {
        // Rows of a feed ingestion cannot place (a player not stored yet...) are normal: noted, not a failed run.
        outcome.rejectedRows += answer.rows.rejected;
        outcome.notes.push(`${s.id}: batch ${answer.batchId} PARTIAL: ${answer.message}`);
      }
      return true;
    } catch (err) {
      if (err instanceof IngestRefusedError) {
        // A batch ingestion refuses is refused for good (same bytes, same answer): recorded, not retried.
        await this.state.markAnswered(s.id, { at: this.clock.now(), batchId: err.batchId, status: 'REJECTED', error: err.message });
        outcome.rejected++;
        outcome.errors.push(`${s.id}: ${err.message}`);
        return true;
      }
      await this.state.markAttemptFailed(s.id, (err as Error).message);
      outcome.unreachable = `${s.id}: ${(err as Error).message}`;
      return false;
    }
  }
}
