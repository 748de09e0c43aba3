import { Injectable, Logger } from '@nestjs/common';
import { ServiceNames, type EventEnvelope } from '@propcast/contracts';
import { OnEvent } from '@propcast/messaging';
import { RepriceLinesUseCase } from '@propcast/prediction-serving';

/**
 * Live re-pricing: prop lines stored for a date re-price its predictions (no inference). The workers share one
 * consumer group, so each import is handled once; a failure is redelivered by the bus (re-pricing is idempotent).
 */
@Injectable()
export class LinesIngestedHandler {
  private readonly logger = new Logger('LiveRepricing');

  constructor(private readonly reprice: RepriceLinesUseCase) {}

  @OnEvent('ingestion.completed', { group: ServiceNames.predictionWorker })
  async handle(event: EventEnvelope<'ingestion.completed'>): Promise<void> {
    if (event.data.kind !== 'PROPS') return;
    const result = await this.reprice.execute({ gameDate: event.data.gameDate, causeBatchId: event.data.batchId });
    if (result.prices > 0) {
      this.logger.log(`lines of ${event.data.gameDate} (batch ${event.data.batchId}): ${result.prices} prices appended (${result.predictions} new book rows) for ${result.changed.length} props; predictions.updated ${result.event?.id}`);
    }
  }
}
