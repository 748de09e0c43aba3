import type { EventEnvelope } from '@propcast/contracts';
import type { EventPublisher } from '../events/event-publisher';

/** An EventPublisher that keeps what it was given. */
export class RecordingPublisher implements EventPublisher {
  readonly events: EventEnvelope[] = [];

  async publish(event: EventEnvelope): Promise<string> {
    this.events.push(event);
    return String(this.events.length);
  }

  /** `date processor rows` of each phase.completed, in publishing order. */
  phaseCompletions(): string[] {
    return this.events.flatMap((e) => (e.type === 'phase.completed' ? [`${e.data.gameDate} ${e.data.processor} ${e.data.rows}`] : []));
  }
}
