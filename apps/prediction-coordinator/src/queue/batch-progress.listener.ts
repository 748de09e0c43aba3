import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { QueueEvents, type Queue } from 'bullmq';
import type { PredictionJob } from '@propcast/contracts';
import { batchIdOfReturn, bullConnection, FinishBatchUseCase, RecordJobFailureUseCase } from '@propcast/prediction-serving';
import type { PredictionCoordinatorConfig } from '../config';
import { COORDINATOR_CONFIG, PREDICTION_QUEUE } from '../coordinator.tokens';

/**
 * Follows the predictions queue's completion events: a completed job may finish its batch (the worker recorded
 * its result with the predictions), a job failed past its attempts is recorded on its batch with the reason.
 * Missed events (coordinator down) are caught up by the stall sweeper.
 */
@Injectable()
export class BatchProgressListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(BatchProgressListener.name);
  private events: QueueEvents | null = null;

  constructor(
    @Inject(COORDINATOR_CONFIG) private readonly config: PredictionCoordinatorConfig,
    @Inject(PREDICTION_QUEUE) private readonly queue: Queue<PredictionJob>,
    private readonly finishBatch: FinishBatchUseCase,
    private readonly recordJobFailure: RecordJobFailureUseCase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const events = new QueueEvents(this.queue.name, { connection: bullConnection(this.config.REDIS_URL), prefix: this.config.QUEUE_PREFIX });
    events.on('error', (err) => this.logger.warn(`queue events: ${err.message}`));
    events.on('completed', ({ jobId, returnvalue }) => void this.onCompleted(jobId, returnvalue));
    events.on('failed', ({ jobId, failedReason }) => void this.onFailed(jobId, failedReason));
    this.events = events;
    await events.waitUntilReady();
  }

  async onModuleDestroy(): Promise<void> {
    await this.events?.close();
  }

  /** BullMQ hands the worker's return value (PredictionJobReturn) parsed, though typed as a string. */
  private async onCompleted(jobId: string, returnValue: unknown): Promise<void> {
    const batchId = batchIdOfReturn(returnValue);
    if (!batchId) {
      this.logger.warn(`job ${jobId} completed without a batch id in its return value; the stall sweeper will finish its batch`);
      return;
    }
    try {
      await this.finishBatch.execute({ batchId });
    } catch (err) {
      this.logger.warn(`could not finish the batch of job ${jobId}: ${(err as Error).message}`);
    }
  }

  private async onFailed(jobId: string, failedReason: string): Promise<void> {
    try {
      const job = await this.queue.getJob(jobId);
      await this.recordJobFailure.execute({ jobId, attempts: job?.attemptsMade ?? 0, reason: failedReason });
    } catch (err) {
      this.logger.warn(`could not record the failure of job ${jobId}: ${(err as Error).message}`);
    }
  }
}
