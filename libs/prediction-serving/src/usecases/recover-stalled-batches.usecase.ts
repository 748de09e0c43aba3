import type { PredictionJob } from '@propcast/contracts';
import type { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { BatchRepository } from '../batches/batch.repository';
import { servingMetrics } from '../metrics';
import { enqueuePredictionJobs } from '../queue/prediction-queue';
import type { FanOutUseCase } from './fan-out.usecase';
import type { FinishBatchUseCase } from './finish-batch.usecase';
import type { RecordJobResultUseCase } from './record-job-result.usecase';

/** Stall policy. */
export interface RecoverStalledOptions {
  /** A RUNNING batch without progress for this long is STALLED; a PENDING one this old is fanned out again. */
  stallTimeoutMs: number;
}

/** What one sweep did. */
export interface RecoverStalledResult {
  pendingResumed: number;
  newlyStalled: number;
  reenqueued: number;
  failedJobsRecorded: number;
  published: number;
}

/**
 * The coordinator's safety net, run periodically (by every replica; each step is safe to race): fans out batches stuck
 * in PENDING, marks batches without progress STALLED and re-enqueues their missing work (QUEUED jobs the queue no
 * longer holds, e.g. after Redis lost its data; jobs the queue failed past their attempts are recorded as failed),
 * and finishes batches whose predictions.ready did not go out.
 */
export class RecoverStalledBatchesUseCase {
  private readonly batches = new BatchRepository();

  constructor(
    private readonly pool: Pool,
    private readonly queue: Queue<PredictionJob>,
    private readonly fanOut: FanOutUseCase,
    private readonly recordJobResult: RecordJobResultUseCase,
    private readonly finishBatch: FinishBatchUseCase,
    private readonly options: RecoverStalledOptions,
  ) {}

  /** Runs one sweep over PENDING, stalled and unpublished batches. */
  async execute(): Promise<RecoverStalledResult> {
    const result: RecoverStalledResult = { pendingResumed: 0, newlyStalled: 0, reenqueued: 0, failedJobsRecorded: 0, published: 0 };
    for (const batchId of await this.batches.stuckPending(this.pool, this.options.stallTimeoutMs)) {
      if ((await this.fanOut.execute({ batchId })).jobs > 0) result.pendingResumed++;
    }
    const { stalled, newlyStalled } = await this.batches.markStalled(this.pool, this.options.stallTimeoutMs);
    result.newlyStalled = newlyStalled;
    servingMetrics.batchesStalled.inc(newlyStalled);
    for (const batch of stalled) {
      const missing: PredictionJob[] = [];
      for (const job of await this.batches.queuedJobs(this.pool, batch)) {
        const state = await this.queue.getJobState(job.jobId);
        if (state === 'unknown') {
          missing.push(job);
        } else if (state === 'failed') {
          const failed = await this.queue.getJob(job.jobId);
          await this.recordJobResult.execute({
            kind: 'failure',
            jobId: job.jobId,
            attempts: failed?.attemptsMade ?? 0,
            reason: failed?.failedReason ?? 'failed in the queue',
          });
          result.failedJobsRecorded++;
        }
      }
      await enqueuePredictionJobs(this.queue, missing);
      result.reenqueued += missing.length;
      servingMetrics.jobsReenqueued.inc(missing.length);
    }
    for (const batchId of await this.batches.finishedUnpublished(this.pool)) {
      if ((await this.finishBatch.execute({ batchId })).published) result.published++;
    }
    return result;
  }
}
