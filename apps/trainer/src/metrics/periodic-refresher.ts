import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/** How often database-backed gauges are re-read. */
export const METRICS_REFRESH_MS = 60_000;

/**
 * Keeps gauges that are read from Postgres current: at start-up, every METRICS_REFRESH_MS, and whenever `refresh()` is
 * called after a change. A failure is logged, never thrown: metrics must not break the work they describe.
 */
export abstract class PeriodicRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private timer: NodeJS.Timeout | null = null;

  /** What the gauges are called in logs. */
  protected abstract readonly what: string;

  /** Reads the state and sets the gauges. */
  protected abstract read(): Promise<unknown>;

  onApplicationBootstrap(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), METRICS_REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Re-reads the gauges now. */
  async refresh(): Promise<void> {
    try {
      await this.read();
    } catch (err) {
      this.logger.warn(`refreshing ${this.what} failed: ${(err as Error).message}`);
    }
  }
}
