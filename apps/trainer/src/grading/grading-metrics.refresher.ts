import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { gradingMetrics, RefreshGradingMetricsUseCase } from '@propcast/grading';

/** How often the grading and drift gauges are re-read from the database. */
export const METRICS_REFRESH_MS = 60_000;

/** Registers grading's metrics in this service and keeps the gauges current: at start-up, every minute, after each grading or drift run. */
@Injectable()
export class GradingMetricsRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('GradingMetrics');
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly usecase: RefreshGradingMetricsUseCase) {
    gradingMetrics();
  }

  onApplicationBootstrap(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), METRICS_REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Re-reads the gauges now; a failure is logged, never thrown (metrics must not break grading). */
  async refresh(): Promise<void> {
    try {
      await this.usecase.execute();
    } catch (err) {
      this.logger.warn(`refreshing grading metrics failed: ${(err as Error).message}`);
    }
  }
}
