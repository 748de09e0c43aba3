import { Injectable } from '@nestjs/common';
import { ServiceNames, type EventEnvelope } from '@propcast/contracts';
import { OnEvent } from '@propcast/messaging';
import { RecordTriggerUseCase, StartNewsBatchesUseCase } from '@propcast/prediction-serving';

/** phase.completed from the Redis Streams bus (EVENT_TRANSPORT=redis-streams): records the trigger, starts news re-predictions now due. */
@Injectable()
export class PhaseCompletedStreamHandler {
  constructor(
    private readonly recordTrigger: RecordTriggerUseCase,
    private readonly startNews: StartNewsBatchesUseCase,
  ) {}

  /** Acknowledged once the trigger is recorded (and the batch started when due); a throw makes the bus redeliver. */
  @OnEvent('phase.completed', { group: ServiceNames.predictionCoordinator })
  async onPhaseCompleted(event: EventEnvelope<'phase.completed'>): Promise<void> {
    await this.recordTrigger.execute({ gameDate: event.data.gameDate, processor: event.data.processor, messageId: event.id, transport: 'stream' });
    await this.startNews.execute(event.data.gameDate);
  }
}
