import { Counter, Histogram, register } from 'prom-client';

/** How a delivery ended: handled, failed (will be retried), skipped as already processed, or dead-lettered. */
export type DeliveryOutcome = 'ok' | 'error' | 'duplicate' | 'dead_lettered';

function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return (register.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames });
}

function histogram<L extends string>(name: string, help: string, labelNames: readonly L[]): Histogram<L> {
  return (register.getSingleMetric(name) as Histogram<L> | undefined) ?? new Histogram({ name, help, labelNames });
}

/** `propcast_events_published_total{type}`. */
export const eventsPublished = counter('propcast_events_published_total', 'Events published to the bus', ['type']);

/** `propcast_events_consumed_total{type,group,outcome}`. */
export const eventsConsumed = counter('propcast_events_consumed_total', 'Event deliveries by outcome', ['type', 'group', 'outcome']);

/** `propcast_event_handler_duration_seconds{type,group}`. */
export const handlerDuration = histogram('propcast_event_handler_duration_seconds', 'Event handler run time', ['type', 'group']);
