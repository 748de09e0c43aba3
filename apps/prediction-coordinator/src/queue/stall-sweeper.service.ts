import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { PredictionJob } from '@propcast/contracts';
import { collectQueueMetrics, MeasureTipoffCoverageUseCase, RecoverStalledBatchesUseCase, StartNewsBatchesUseCase } from '@propcast/prediction-serving';
import type { PredictionCoordinatorConfig } from '../config';
import { COORDINATOR_CONFIG, PREDICTION_QUEUE } from '../coordinator.tokens';

/**
 * Every SWEEP_INTERVAL_MS: stall recovery (one sweep at a time), news re-predictions whose features became current
 * before the news was recorded (no phase.completed would follow), the queue-depth gauges and coverage at tip-off.
 */
@Injectable()
export class StallSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(StallSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(COORDINATOR_CONFIG) private readonly config: PredictionCoordinatorConfig,
    @Inject(PREDICTION_QUEUE) private readonly queue: Queue<PredictionJob>,
    private readonly recoverStalled: RecoverStalledBatchesUseCase,
    private readonly tipoffCoverage: MeasureTipoffCoverageUseCase,
    private readonly startNews: StartNewsBatchesUseCase,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = null));
    }, this.config.SWEEP_INTERVAL_MS);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async sweep(): Promise<void> {
    try {
      const result = await this.recoverStalled.execute();
      if (result.pendingResumed + result.newlyStalled + result.reenqueued + result.failedJobsRecorded + result.published > 0) {
        this.logger.warn(`stall sweep: ${JSON.stringify(result)}`);
      }
      for (const news of await this.startNews.execute()) this.logger.log(`news ${news.causeBatchId}: re-prediction batch ${news.predictionBatchId} (${news.players} players)`);
      await collectQueueMetrics(this.queue);
      await this.tipoffCoverage.execute(new Date(), this.config.TIPOFF_WINDOW_MINUTES);
    } catch (err) {
      this.logger.warn(`stall sweep failed: ${(err as Error).message}`);
    }
  }
}
