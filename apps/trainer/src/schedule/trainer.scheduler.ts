import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ALL_STATS } from '@propcast/contracts';
import type { TrainingServices } from '@propcast/training';
import { CronJob } from 'cron';
import type { TrainerConfig } from '../config';
import { TRAINER_CONFIG, TRAINING_SERVICES } from '../trainer.tokens';

/** The trainer's cron jobs (daily data check, weekly drift hook, monthly forced retrain), when TRAINER_SCHEDULER_ENABLED. */
@Injectable()
export class TrainerScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(TrainerScheduler.name);

  constructor(
    @Inject(TRAINER_CONFIG) private readonly config: TrainerConfig,
    @Inject(TRAINING_SERVICES) private readonly training: TrainingServices,
    private readonly registry: SchedulerRegistry,
  ) {}

  /** Registers the three cron jobs unless the scheduler is disabled. */
  onApplicationBootstrap(): void {
    if (!this.config.TRAINER_SCHEDULER_ENABLED) {
      this.logger.log('in-process schedules disabled (TRAINER_SCHEDULER_ENABLED=false)');
      return;
    }
    this.add('training-data-check', this.config.TRAINER_DATA_CHECK_CRON, () => this.dataCheck());
    this.add('training-drift-check', this.config.TRAINER_DRIFT_CHECK_CRON, () => this.driftCheck());
    this.add('training-monthly-retrain', this.config.TRAINER_RETRAIN_CRON, () => this.monthlyRetrain());
  }

  /** Daily: counts new feature rows per stat and trains stats without a production model. */
  async dataCheck(): Promise<void> {
    const report = await this.training.checkData.execute();
    this.logger.log(
      `data check: latest feature date ${report.latestFeatureDate}; ${report.stats.map((s) => `${s.stat} +${s.rowsSinceTraining}`).join(', ')}; started ${report.started?.runs.length ?? 0} run(s)`,
    );
  }

  /** Weekly: retrains stats whose newest drift report passes a threshold. */
  async driftCheck(): Promise<void> {
    const report = await this.training.retrainOnDriftReports.execute();
    this.logger.log(
      `drift check: retraining ${
        report.checked
          .filter((c) => c.retrain)
          .map((c) => c.stat)
          .join(', ') || 'nothing'
      }`,
    );
  }

  /** Monthly: retrains every stat. */
  async monthlyRetrain(): Promise<void> {
    const started = await this.training.startTraining.execute({ stats: ALL_STATS, trigger: 'schedule', reason: 'monthly forced retrain' });
    this.logger.log(`monthly retrain: started ${started.runs.length} run(s), ${started.refused.length} stat(s) busy`);
  }

  private add(name: string, cronTime: string, tick: () => Promise<void>): void {
    const job = CronJob.from({
      cronTime,
      timeZone: 'UTC',
      start: true,
      onTick: () => void tick().catch((err: Error) => this.logger.error(`${name} failed: ${err.message}`)),
    });
    this.registry.addCronJob(name, job);
    this.logger.log(`${name} scheduled: ${cronTime} (UTC)`);
  }
}
