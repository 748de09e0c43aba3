import { Injectable, Logger } from '@nestjs/common';
import { ServiceNames, type EventEnvelope } from '@propcast/contracts';
import { GradeDateUseCase } from '@propcast/grading';
import { OnEvent } from '@propcast/messaging';
import { GradingMetricsRefresher } from './grading-metrics.refresher';

/** Grades a date when its box scores (or corrections to them) were ingested; failures are retried by the bus. */
@Injectable()
export class IngestionCompletedGradingHandler {
  private readonly logger = new Logger('Grading');

  constructor(
    private readonly gradeDate: GradeDateUseCase,
    private readonly metrics: GradingMetricsRefresher,
  ) {}

  @OnEvent('ingestion.completed', { group: ServiceNames.trainer })
  async handle(event: EventEnvelope<'ingestion.completed'>): Promise<void> {
    if (event.data.kind !== 'BOX_SCORES') return;
    const r = await this.gradeDate.execute(event.data.gameDate);
    await this.metrics.refresh();
    this.logger.log(`graded ${r.gameDate} after batch ${event.data.batchId}: ${r.graded}/${r.predictions} predictions (${r.changed} new or changed, ${r.pending} pending)`);
  }
}
