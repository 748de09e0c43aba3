import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventEnvelope } from '@propcast/contracts';
import { OnEvent } from '@propcast/messaging';
import { NotifyPicksUseCase } from '@propcast/read-model';

/** Consumer group of the picks notifications (apart from grading: a slow webhook never delays it). */
export const PICKS_NOTIFIER_GROUP = 'trainer-picks-notifier';

/**
 * Posts a date's picks to the configured webhooks when its predictions are ready. The post runs off the handler
 * (not awaited): the event is acknowledged at once, and a failed or slow webhook never blocks predictions or the bus.
 */
@Injectable()
export class PredictionsReadyNotifier {
  private readonly logger = new Logger('PicksNotifier');
  /** The notification in flight (tests and shutdown wait for it). */
  pending: Promise<void> = Promise.resolve();

  constructor(@Inject(NotifyPicksUseCase) private readonly notify: NotifyPicksUseCase) {}

  @OnEvent('predictions.ready', { group: PICKS_NOTIFIER_GROUP })
  async handle(event: EventEnvelope<'predictions.ready'>): Promise<void> {
    const { gameDate, batchId } = event.data;
    this.pending = this.notify.execute(gameDate).then(
      (r) => {
        if (r.deliveries.length === 0) return;
        const failed = r.deliveries.filter((d) => !d.ok);
        const summary = r.deliveries.map((d) => `${d.target} ${d.ok ? 'ok' : 'FAILED'} after ${d.attempts} attempt(s): ${d.detail}`).join('; ');
        if (failed.length > 0) this.logger.warn(`picks of ${gameDate} (batch ${batchId}, ${r.picks} picks): ${summary}`);
        else this.logger.log(`picks of ${gameDate} (batch ${batchId}, ${r.picks} picks) posted: ${summary}`);
      },
      (err: unknown) => this.logger.warn(`picks of ${gameDate} (batch ${batchId}) not posted: ${(err as Error).message}`),
    );
  }
}
