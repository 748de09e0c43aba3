import { Injectable, Logger } from '@nestjs/common';
import { ServiceNames, type EventEnvelope } from '@propcast/contracts';
import { OnEvent } from '@propcast/messaging';
import { RecordNewsUseCase, RepriceLinesUseCase } from '@propcast/prediction-serving';

/**
 * Live game day: prop lines stored for a date re-price its predictions (no inference); an availability import that
 * changed a status is recorded as news, which the coordinator re-predicts once the date's features include it. The
 * workers share one consumer group, so each import is handled once; a failure is redelivered (both are idempotent).
 */
@Injectable()
export class IngestionCompletedHandler {
  private readonly logger = new Logger('LiveGameDay');

  constructor(
    private readonly reprice: RepriceLinesUseCase,
    private readonly recordNews: RecordNewsUseCase,
  ) {}

  @OnEvent('ingestion.completed', { group: ServiceNames.predictionWorker })
  async handle(event: EventEnvelope<'ingestion.completed'>): Promise<void> {
    const { gameDate, batchId, kind } = event.data;
    if (kind === 'PROPS') {
      const result = await this.reprice.execute({ gameDate, causeBatchId: batchId });
      if (result.prices > 0) {
        this.logger.log(
          `lines of ${gameDate} (batch ${batchId}): ${result.prices} prices appended (${result.predictions} new book rows) for ${result.changed.length} props; predictions.updated ${result.event?.id}`,
        );
      }
    } else if (kind === 'AVAILABILITY') {
      const news = await this.recordNews.execute({ gameDate, causeBatchId: batchId });
      if (news.recorded) {
        const changes = news.changes.map((c) => `${c.playerId} ${c.from ?? 'unreported'} -> ${c.to}`).join(', ');
        this.logger.log(`news of ${gameDate} (batch ${batchId}): ${changes}; ${news.playerIds.length} players to re-predict once the features include it`);
      }
    }
  }
}
