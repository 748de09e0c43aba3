import { withPgTransaction } from '@propcast/db';
import type { Pool } from 'pg';
import type { BatchRepository } from '../batches/batch.repository';
import type { JobResult, JobResultOutcome } from '../batches/batch.types';
import { InvalidRequestError, JobNotFoundError } from '../errors';
import type { FinishBatchUseCase } from './finish-batch.usecase';

/** A worker's report of a finished job (POST /complete), or a job the queue gave up on after its attempts. */
export type RecordJobResultCommand = { kind: 'result'; result: JobResult } | { kind: 'failure'; jobId: string; attempts: number; reason: string };

/** The repositories RecordJobResultUseCase uses (createServingRepositories() in services, in-memory ones in unit tests). */
export interface RecordJobResultRepositories {
  batches: Pick<BatchRepository, 'lockJob' | 'saveJobResult'>;
}

/**
 * Records one job's outcome on its batch: the job row and the batch counters move together in one transaction under
 * the job row lock, by the difference to what was recorded before (so a repeated report changes nothing), and a job
 * already DONE is never overwritten. A job failing past its attempts counts all its requests failed with the reason.
 * Then the batch is finished if that was its last work.
 */
export class RecordJobResultUseCase {
  constructor(
    private readonly pool: Pool,
    private readonly repositories: RecordJobResultRepositories,
    private readonly finishBatch: FinishBatchUseCase,
  ) {}

  /** Records the job's outcome (unless it is already DONE) and finishes the batch when that was its last work. */
  async execute(command: RecordJobResultCommand): Promise<JobResultOutcome> {
    const jobId = command.kind === 'result' ? command.result.jobId : command.jobId;
    const outcome = await withPgTransaction(this.pool, async (client): Promise<JobResultOutcome> => {
      const job = await this.repositories.batches.lockJob(client, jobId);
      if (!job) throw new JobNotFoundError(jobId);
      if (job.state === 'DONE') return { recorded: false, batchId: job.batchId, reason: 'already_done' };
      if (command.kind === 'result' && command.result.succeeded + command.result.failed !== job.requestCount) {
        const { succeeded, failed } = command.result;
        throw new InvalidRequestError([`succeeded + failed: ${succeeded} + ${failed} does not match the job's ${job.requestCount} requests`]);
      }
      const result: JobResult =
        command.kind === 'result'
          ? command.result
          : {
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
