import type { StatType } from '@propcast/contracts';

/** Prisma `BatchState`. */
export type BatchState = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'STALLED' | 'COMPLETED_WITH_FAILURES' | 'EMPTY';

/**
 * How a batch with requests ended: every request predicted (COMPLETED), some failed (COMPLETED_WITH_FAILURES), or all
 * failed (FAILED). A batch whose slate had no request is EMPTY instead, and never publishes predictions.ready.
 */
export type FinishedBatchState = 'COMPLETED' | 'COMPLETED_WITH_FAILURES' | 'FAILED';

/** States after which a batch changes no more. */
export const TERMINAL_BATCH_STATES: readonly BatchState[] = ['COMPLETED', 'COMPLETED_WITH_FAILURES', 'FAILED', 'EMPTY'];

/** The terminal state of a batch whose requests are all done, from its counts. */
export function finishedStateOf(counts: { completed: number; failed: number }): FinishedBatchState {
  if (counts.failed === 0) return 'COMPLETED';
  return counts.completed === 0 ? 'FAILED' : 'COMPLETED_WITH_FAILURES';
}

/** Prisma `JobState`. */
export type JobState = 'QUEUED' | 'DONE' | 'FAILED';

/** Prisma `ModelRole`. */
export type ModelRole = 'PRIMARY' | 'CHALLENGER' | 'SHADOW';

/** Where a batch start came from (prediction_batches.trigger). */
/** How a batch was started: a feature-completion trigger (pubsub, stream), POST /start (manual), or availability news (news). */
export type BatchTrigger = 'pubsub' | 'stream' | 'manual' | 'news';

/** One prediction_batches row. Timestamps are ISO-8601 strings (UTC). */
export interface BatchRow {
  id: string;
  gameDate: string;
  attempt: number;
  state: BatchState;
  trigger: string;
  stats: StatType[];
  playerIds: number[];
  /** The AVAILABILITY ingest batch whose news started this batch (trigger news); null otherwise. */
  causeBatchId: string | null;
  requested: number;
  completed: number;
  failed: number;
  modelVersions: ModelVersionUsage[] | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  lastProgressAt: string | null;
  readyPublishedAt: string | null;
}

/** How many predictions of a batch one model version made. */
export interface ModelVersionUsage {
  stat: StatType;
  modelId: string;
  version: number;
  role: ModelRole;
  predictions: number;
}

/** Failed requests of a batch grouped by stat and reason. */
export interface FailureCount {
  stat: StatType;
  reason: string;
  count: number;
}

/** Progress of one stat of a batch, from its jobs. */
export interface StatProgress {
  stat: StatType;
  requested: number;
  completed: number;
  failed: number;
  jobs: number;
  jobsQueued: number;
}

/** What a worker (or the queue, for a job that failed past its attempts) reports about one job. */
export interface JobResult {
  jobId: string;
  state: Exclude<JobState, 'QUEUED'>;
  /** Processing attempts so far (BullMQ attemptsMade + 1 for the one just finished). */
  attempts: number;
  succeeded: number;
  failed: number;
  /** Failed requests by reason; their counts add up to `failed`. */
  failures: Record<string, number>;
}

/** How recording a job result went: `skipped` when the job was already done (a duplicate or retried delivery). */
export type JobResultOutcome = { recorded: true; batchId: string } | { recorded: false; batchId: string; reason: 'already_done' };
