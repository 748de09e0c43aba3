import { Injectable } from '@nestjs/common';
import { ServiceNames, type EventEnvelope } from '@propcast/contracts';
import { OnEvent } from '@propcast/messaging';
import { RecordNewsUseCase, StartNewsBatchesUseCase } from '@propcast/prediction-serving';

/**
 * An availability import from the Redis Streams bus: records its news (idempotent: the worker records it too) and
 * starts its re-prediction if the feature store already recomputed its games. Without this, news whose features were
 * recomputed before the worker recorded it would wait for the stall sweep (the phase.completed came too early).
 */
@Injectable()
export class AvailabilityNewsHandler {
  constructor(
    private readonly recordNews: RecordNewsUseCase,
    private readonly startNews: StartNewsBatchesUseCase,
  ) {}

  @OnEvent('ingestion.completed', { group: ServiceNames.predictionCoordinator })
  async onIngestionCompleted(event: EventEnvelope<'ingestion.completed'>): Promise<void> {
    if (event.data.kind !== 'AVAILABILITY') return;
    const news = await this.recordNews.execute({ gameDate: event.data.gameDate, causeBatchId: event.data.batchId });
    if (news.changes.length > 0) await this.startNews.execute(event.data.gameDate);
  }
}
