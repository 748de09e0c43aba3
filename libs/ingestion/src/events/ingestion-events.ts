import { createEvent, ServiceNames } from '@propcast/contracts';
import type { EventBus } from '@propcast/messaging';
import type { IngestKind } from '../usecases/ingest-kind';
import type { RowCounts } from '../writers/write-result';

/** The part of the event bus the import needs. */
export type EventPublisher = Pick<EventBus, 'publish'>;

/** Events in flight at once: a ten-season backfill touches ~1,700 dates. */
const PUBLISH_CONCURRENCY = 50;

/** Outcome of publishing a batch's events. */
export interface PublishOutcome {
  published: number;
  failed: { gameDate: string; error: string }[];
}

/**
 * Publishes one `ingestion.completed` per game date whose rows changed (inserted or updated), after the batch committed.
 * A failure is reported, not thrown: the data is committed, and consumers also catch up on the next batch of the date.
 */
export async function publishIngestionCompleted(bus: EventPublisher, batchId: string, kind: IngestKind, byDate: ReadonlyMap<string, RowCounts>): Promise<PublishOutcome> {
  const outcome: PublishOutcome = { published: 0, failed: [] };
  const changed = [...byDate].filter(([, c]) => c.inserted + c.updated > 0).sort(([a], [b]) => (a < b ? -1 : 1));
  for (let i = 0; i < changed.length; i += PUBLISH_CONCURRENCY) {
    await Promise.all(
      changed.slice(i, i + PUBLISH_CONCURRENCY).map(async ([gameDate, counts]) => {
        try {
          await bus.publish(createEvent('ingestion.completed', { gameDate, batchId, kind, counts }, ServiceNames.ingestion));
          outcome.published++;
        } catch (err) {
          outcome.failed.push({ gameDate, error: (err as Error).message });
        }
      }),
    );
  }
  return outcome;
}
