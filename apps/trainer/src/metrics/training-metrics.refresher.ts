import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@propcast/db';
import { LastRunsRepository, RefreshTrainingMetricsUseCase } from '@propcast/training';
import { PeriodicRefresher } from './periodic-refresher';

/** Keeps the last-failure and last-success gauges of training runs current from training_runs (CronJob runs included). */
@Injectable()
export class TrainingMetricsRefresher extends PeriodicRefresher {
  protected readonly what = 'training metrics';
  private readonly usecase: RefreshTrainingMetricsUseCase;

  constructor(@Inject(PG_POOL) pool: Pool) {
    super();
    this.usecase = new RefreshTrainingMetricsUseCase(new LastRunsRepository(pool));
  }

  protected read(): Promise<unknown> {
    return this.usecase.execute();
  }
}
