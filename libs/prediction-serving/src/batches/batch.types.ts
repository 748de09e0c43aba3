import type { StatType } from '@propcast/contracts';

/** Prisma `BatchState`. */
export type BatchState = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'STALLED';

/** Prisma `JobState`. */
export type JobState = 'QUEUED' | 'DONE' | 'FAILED';

/** Prisma `ModelRole`. */
export type ModelRole = 'PRIMARY' | 'CHALLENGER' | 'SHADOW';

/** Where a batch start came from (prediction_batches.trigger). */
export type BatchTrigger = 'pubsub' | 'stream' | 'manual';

/** One prediction_batches row. Timestamps are ISO-8601 strings (UTC). */
export interface BatchRow {
  id: string;
  gameDate: string;
  attempt: number;
  state: BatchState;
  trigger: string;
  stats: StatType[];
  playerIds: number[];
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
