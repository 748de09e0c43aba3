import type { EventData, EventEnvelope, EventType } from '@propcast/contracts';
import type { EventPublisher } from '../registry/model-promotion.notifier';

/** An EventPublisher that keeps what it was given (tests). */
export class RecordingPublisher implements EventPublisher {
  readonly events: EventEnvelope[] = [];

  /** Records the event; resolves to its position. */
  async publish(event: EventEnvelope): Promise<string> {
    this.events.push(event);
    return String(this.events.length);
  }

  /** Data of the published events of one type. */
  dataOf<T extends EventType>(type: T): EventData<T>[] {
    return this.events.filter((e) => e.type === type).map((e) => e.data as EventData<T>);
  }
}
