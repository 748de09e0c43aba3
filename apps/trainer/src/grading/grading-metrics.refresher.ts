import { Injectable } from '@nestjs/common';
import { gradingMetrics, RefreshGradingMetricsUseCase } from '@propcast/grading';
import { PeriodicRefresher } from '../metrics/periodic-refresher';

/** Registers grading's metrics in this service and keeps the gauges current: at start-up, every minute, after each grading or drift run. */
@Injectable()
export class GradingMetricsRefresher extends PeriodicRefresher {
  protected readonly what = 'grading metrics';

  constructor(private readonly usecase: RefreshGradingMetricsUseCase) {
    super();
    gradingMetrics();
  }

  protected read(): Promise<void> {
    return this.usecase.execute();
  }
}
