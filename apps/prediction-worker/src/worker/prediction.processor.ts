import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { InvalidMessageError, parsePredictionJob, type PredictionJob } from '@propcast/contracts';
import { bullConnection, PredictJobUseCase, predictionQueueName, ServingModels, servingMetrics, type PredictionJobReturn } from '@propcast/prediction-serving';
import type { PredictionWorkerConfig } from '../config';
import { WORKER_CONFIG } from '../worker.tokens';

/**
 * The BullMQ worker of the predictions queue, WORKER_CONCURRENCY jobs at a time. A payload breaking the job contract
 * fails at once (never retried); anything else is retried with the job's backoff. On shutdown it stops taking jobs and
 * waits for the running ones; a killed worker's jobs return to the queue once their lock expires.
 */
@Injectable()
export class PredictionProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PredictionProcessor.name);
  private worker: Worker<PredictionJob, PredictionJobReturn> | null = null;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: PredictionWorkerConfig,
    private readonly predictJob: PredictJobUseCase,
    private readonly models: ServingModels,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<PredictionJob, PredictionJobReturn>(predictionQueueName({}), (job) => this.process(job), {
      connection: bullConnection(this.config.REDIS_URL),
      prefix: this.config.QUEUE_PREFIX,
      concurrency: this.config.WORKER_CONCURRENCY,
      lockDuration: this.config.WORKER_LOCK_DURATION_MS,
      stalledInterval: this.config.WORKER_STALLED_INTERVAL_MS,
      maxStalledCount: 2,
    });
    this.worker.on('error', (err) => this.logger.warn(`worker: ${err.message}`));
    this.worker.on('failed', (job, err) => this.logger.warn(`job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${err.message}`));
  }

  /** Stops taking jobs, waits for the running ones, then frees the loaded models. */
  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.models.close();
  }

  private async process(job: Job<PredictionJob, PredictionJobReturn>): Promise<PredictionJobReturn> {
    const stopTimer = servingMetrics.jobDuration.startTimer();
    let payload: PredictionJob;
    try {
      payload = parsePredictionJob(job.data);
    } catch (err) {
      stopTimer({ outcome: 'invalid' });
      if (err instanceof InvalidMessageError) throw new UnrecoverableError(err.message);
      throw err;
    }
    try {
      const result = await this.predictJob.execute({ job: payload, attempt: job.attemptsMade + 1 });
      stopTimer({ outcome: result.outcome });
      servingMetrics.jobLatency.observe((Date.now() - job.timestamp) / 1000);
      return { outcome: result.outcome, batchId: result.batchId, succeeded: result.succeeded, failed: result.failed };
    } catch (err) {
      stopTimer({ outcome: 'error' });
      throw err;
    }
  }
}
