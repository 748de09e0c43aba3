import { createEvent, ServiceNames, type EventEnvelope } from '@propcast/contracts';
import type { TransactionalEvents } from '@propcast/messaging';
import type { IngestKind } from '../usecases/ingest-kind';
import type { RowCounts } from '../writers/write-result';

/** The outbox the import writes its events to (@propcast/messaging's Outbox). */
export type EventOutbox = TransactionalEvents;

/**
 * What became of a batch's events: `queued` were written to the outbox in the batch's transaction; `published` of
 * them the bus acknowledged before the answer; `pending` wait in the outbox and the relay publishes them as soon as
 * the bus is back (nothing is lost).
 */
export interface EventsOutcome {
  queued: number;
  published: number;
  pending: number;
}

/** No events (dry runs, rejected and unchanged batches). */
export const NO_EVENTS: EventsOutcome = Object.freeze({ queued: 0, published: 0, pending: 0 });

/** One `ingestion.completed` per game date whose rows changed (inserted or updated), dates ascending. */
export function ingestionCompletedEvents(batchId: string, kind: IngestKind, byDate: ReadonlyMap<string, RowCounts>): EventEnvelope<'ingestion.completed'>[] {
  return [...byDate]
    .filter(([, c]) => c.inserted + c.updated > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([gameDate, counts]) => createEvent('ingestion.completed', { gameDate, batchId, kind, counts }, ServiceNames.ingestion));
}

/** How long an answer waits for the bus to take a batch's events; the relay goes on with the rest in the background. */
const RELEASE_WAIT_MS = 2000;

/** After the commit: asks the relay to publish now, and reports how many of `events` are still pending. */
export async function releaseEvents(outbox: EventOutbox, events: readonly EventEnvelope[]): Promise<EventsOutcome> {
  if (events.length === 0) return { ...NO_EVENTS };
  await outbox.flush({ waitMs: RELEASE_WAIT_MS });
  const pending = await outbox.pendingAmong(events.map((e) => e.id));
  return { queued: events.length, published: events.length - pending, pending };
}
