import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CronJob } from 'cron';
import { driftOptions, EvaluateDriftUseCase } from '@propcast/grading';
import { GradingMetricsRefresher } from './grading-metrics.refresher';
import { GRADING_OPTIONS, type GradingModuleOptions } from './grading.tokens';

/** Evaluates drift of the production models on DRIFT_CRON (UTC) when the in-process scheduler is enabled. */
@Injectable()
export class DriftScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DriftScheduler');
  private job: CronJob | null = null;

  constructor(
    private readonly evaluate: EvaluateDriftUseCase,
    private readonly metrics: GradingMetricsRefresher,
    @Inject(GRADING_OPTIONS) private readonly options: GradingModuleOptions,
  ) {}

  onApplicationBootstrap(): void {
    const cron = this.options.config.DRIFT_CRON;
    if (!this.options.scheduler || cron === 'off') return;
    this.job = CronJob.from({ cronTime: cron, timeZone: 'UTC', onTick: () => this.run(), start: true });
  }

  onApplicationShutdown(): void {
    void this.job?.stop();
  }

  /** One scheduled evaluation; errors are logged (the next tick tries again). */
  async run(): Promise<void> {
    try {
      const reports = await this.evaluate.execute({ options: driftOptions(this.options.config) });
      await this.metrics.refresh();
      for (const r of reports) this.logger.log(`drift of ${r.stat} model ${r.modelId}: ${r.drifted ? r.reasons.join('; ') : 'none'}${r.retrainRequested ? ' (retrain requested)' : ''}`);
    } catch (err) {
      this.logger.error(`scheduled drift evaluation failed: ${(err as Error).message}`);
    }
  }
}
