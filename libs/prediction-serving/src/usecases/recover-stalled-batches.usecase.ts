import type { PredictionJob } from '@propcast/contracts';
import type { Queue } from 'bullmq';
import type { Pool } from 'pg';
import type { BatchRepository } from '../batches/batch.repository';
import { servingMetrics } from '../metrics';
import { enqueuePredictionJobs, jobIdsMissingFromQueue } from '../queue/prediction-queue';
import type { FanOutUseCase } from './fan-out.usecase';
import type { FinishBatchUseCase } from './finish-batch.usecase';
import type { RecordJobFailureUseCase } from './record-job-failure.usecase';

/** Stall policy. */
export interface RecoverStalledOptions {
  /** A RUNNING batch without progress for this long is STALLED; a PENDING one this old is fanned out again. */
  stallTimeoutMs: number;
}

/** What one sweep did. */
export interface RecoverStalledResult {
  pendingResumed: number;
  newlyStalled: number;
  /** QUEUED jobs of running batches the queue no longer held (Redis lost its data), enqueued again. */
  reenqueued: number;
  failedJobsRecorded: number;
  published: number;
}

/** The repositories RecoverStalledBatchesUseCase uses (createServingRepositories() in services, in-memory ones in unit tests). */
export interface RecoverStalledBatchesRepositories {
  batches: Pick<BatchRepository, 'finishedUnpublished' | 'markStalled' | 'queuedJobIdsOfUnfinishedBatches' | 'queuedJobs' | 'queuedJobsByIds' | 'stuckPending'>;
}

/**
 * The coordinator's safety net, run periodically (by every replica; each step is safe to race): fans out batches stuck
 * in PENDING; on every sweep compares the QUEUED jobs of running batches in Postgres with what the queue holds and
 * re-enqueues the missing ones (Redis lost its data: found within one sweep, not after the stall timeout; the
 * deterministic job ids make a re-enqueue of a job the queue still holds a no-op, and a worker skips a job already
 * DONE, so nothing is predicted twice); marks batches without progress STALLED and records their jobs the queue failed
 * past their attempts; and finishes batches whose predictions.ready did not go out.
 */
export class RecoverStalledBatchesUseCase {
  constructor(
    private readonly pool: Pool,
    private readonly repositories: RecoverStalledBatchesRepositories,
    private readonly queue: Queue<PredictionJob>,
    private readonly fanOut: FanOutUseCase,
    private readonly recordJobFailure: RecordJobFailureUseCase,
    private readonly finishBatch: FinishBatchUseCase,
    private readonly options: RecoverStalledOptions,
  ) {}

  /** Runs one sweep over PENDING, running, stalled and unpublished batches. */
  async execute(): Promise<RecoverStalledResult> {
    const result: RecoverStalledResult = { pendingResumed: 0, newlyStalled: 0, reenqueued: 0, failedJobsRecorded: 0, published: 0 };
    for (const batchId of await this.repositories.batches.stuckPending(this.pool, this.options.stallTimeoutMs)) {
      if ((await this.fanOut.execute({ batchId })).jobs > 0) result.pendingResumed++;
    }
    result.reenqueued = await this.reenqueueLostJobs();
    const { stalled, newlyStalled } = await this.repositories.batches.markStalled(this.pool, this.options.stallTimeoutMs);
    result.newlyStalled = newlyStalled;
    servingMetrics.batchesStalled.inc(newlyStalled);
    for (const batch of stalled) {
      for (const job of await this.repositories.batches.queuedJobs(this.pool, batch)) {
        if ((await this.queue.getJobState(job.jobId)) !== 'failed') continue;
        const failed = await this.queue.getJob(job.jobId);
        await this.recordJobFailure.execute({ jobId: job.jobId, attempts: failed?.attemptsMade ?? 0, reason: failed?.failedReason ?? 'failed in the queue' });
        result.failedJobsRecorded++;
      }
    }
    for (const batchId of await this.repositories.batches.finishedUnpublished(this.pool)) {
      if ((await this.finishBatch.execute({ batchId })).published) result.published++;
    }
    return result;
  }

  /** Enqueues the QUEUED jobs of running batches that the queue does not hold; returns how many. */
  private async reenqueueLostJobs(): Promise<number> {
    const queued = await this.repositories.batches.queuedJobIdsOfUnfinishedBatches(this.pool);
    if (queued.length === 0) return 0;
    const lost = await this.repositories.batches.queuedJobsByIds(this.pool, await jobIdsMissingFromQueue(this.queue, queued));
    await enqueuePredictionJobs(this.queue, lost);
    servingMetrics.jobsLost.inc(lost.length);
    servingMetrics.jobsReenqueued.inc(lost.length);
    return lost.length;
  }
}
