import { createEvent, ServiceNames, type ModelPromotedData } from '@propcast/contracts';
import type { EventBus } from '@propcast/messaging';

/** Something that can publish events (the EventBus, or a test double). */
export type EventPublisher = Pick<EventBus, 'publish'>;

/** Logs what the notifier could not deliver. */
export interface NotifierLogger {
  /** Logs a warning with structured context. */
  warn(obj: object, message: string): void;
}

/** Publishes `model.promoted` after a registry change so prediction workers reload without a restart. */
export class ModelPromotionNotifier {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly logger: NotifierLogger = { warn: () => undefined },
    private readonly source: string = ServiceNames.trainer,
  ) {}

  /** Publishes the event; returns false (and logs) when the bus is unavailable; the registry change stands. */
  async notify(data: ModelPromotedData): Promise<boolean> {
    try {
      await this.publisher.publish(createEvent('model.promoted', data, this.source));
      return true;
    } catch (err) {
      this.logger.warn({ err, data }, 'model.promoted could not be published');
      return false;
    }
  }
}
