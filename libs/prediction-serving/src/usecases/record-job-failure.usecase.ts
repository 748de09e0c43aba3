import { withPgTransaction } from '@propcast/db';
import type { Pool } from 'pg';
import type { BatchRepository } from '../batches/batch.repository';
import type { JobResult, JobResultOutcome } from '../batches/batch.types';
import { JobNotFoundError } from '../errors';
import type { FinishBatchUseCase } from './finish-batch.usecase';

/** A job the queue gave up on after its attempts (the worker records successful jobs itself, with their predictions). */
export interface RecordJobFailureCommand {
  jobId: string;
  attempts: number;
  reason: string;
}

/** The repositories RecordJobFailureUseCase uses (createServingRepositories() in services, in-memory ones in unit tests). */
export interface RecordJobFailureRepositories {
  batches: Pick<BatchRepository, 'lockJob' | 'saveJobResult'>;
}

/**
 * Records a job that failed past its attempts on its batch: every request of it counts failed, with the reason. The
 * job row and the batch counters move together in one transaction under the job row lock, by the difference to what
 * was recorded before (so a repeated report changes nothing), and a job already DONE is never overwritten. Then the
 * batch is finished if that was its last work.
 */
export class RecordJobFailureUseCase {
  constructor(
    private readonly pool: Pool,
    private readonly repositories: RecordJobFailureRepositories,
    private readonly finishBatch: FinishBatchUseCase,
  ) {}

  /** Records the job's failure (unless it is already DONE) and finishes the batch when that was its last work. */
  async execute(command: RecordJobFailureCommand): Promise<JobResultOutcome> {
    const { jobId } = command;
    const outcome = await withPgTransaction(this.pool, async (client): Promise<JobResultOutcome> => {
      const job = await this.repositories.batches.lockJob(client, jobId);
      if (!job) throw new JobNotFoundError(jobId);
      if (job.state === 'DONE') return { recorded: false, batchId: job.batchId, reason: 'already_done' };
      const result: JobResult = {
        jobId,
        state: 'FAILED',
        attempts: command.attempts,
        succeeded: 0,
        failed: job.requestCount,
        failures: { [`job failed after ${command.attempts} attempt(s): ${command.reason}`]: job.requestCount },
      };
      await this.repositories.batches.saveJobResult(client, job, result);
      return { recorded: true, batchId: job.batchId };
    });
    await this.finishBatch.execute({ batchId: outcome.batchId });
    return outcome;
  }
}
