import { Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { CollectorMetrics, CollectorStateRepository } from '@propcast/collectors';
import { PG_POOL } from '@propcast/db';

/** How often the collectors' status is re-read from Postgres. */
const REFRESH_MS = 60_000;

/**
 * Exports the collectors' health (propcast_collector_*): the collectors run as CronJobs whose processes are never
 * scraped, and they write through this service, so it re-reads collector_status at start-up and every minute. A
 * failure is logged, never thrown: metrics must not break imports.
 */
@Injectable()
export class CollectorMetricsRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CollectorMetricsRefresher');
  private readonly metrics: CollectorMetrics;
  private timer: NodeJS.Timeout | null = null;

  constructor(@Inject(PG_POOL) pool: Pool) {
    this.metrics = new CollectorMetrics(new CollectorStateRepository(pool));
  }

  onApplicationBootstrap(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async refresh(): Promise<void> {
    try {
      await this.metrics.refresh();
    } catch (err) {
      this.logger.warn(`refreshing the collector metrics failed: ${(err as Error).message}`);
    }
  }
}

/** The collectors' gauges on the ingestion service's /metrics. */
@Module({ providers: [CollectorMetricsRefresher] })
export class CollectorMetricsModule {}
