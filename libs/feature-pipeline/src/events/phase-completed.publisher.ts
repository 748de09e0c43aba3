import { createEvent, ServiceNames } from '@propcast/contracts';
import type { DateRows } from '../storage/processor-completion.repository';
import type { EventPublisher } from './event-publisher';

/** Publishes `phase.completed {phase: "features", processor, gameDate, featureSetId, rows}` per date and processor. */
export class PhaseCompletedPublisher {
  constructor(private readonly bus: EventPublisher) {}

  /** One event per (date, processor): dates ascending, processors in run order. */
  async publish(featureSetId: string, processors: readonly string[], dates: readonly DateRows[]): Promise<number> {
    let published = 0;
    for (const { date, rows } of dates) {
      for (const processor of processors) {
        await this.bus.publish(createEvent('phase.completed', { phase: 'features', processor, gameDate: date, featureSetId, rows }, ServiceNames.featureStore));
        published++;
      }
    }
    return published;
  }
}
