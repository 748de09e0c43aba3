import { Counter, Gauge, register } from 'prom-client';

function gauge(name: string, help: string): Gauge {
  return (register.getSingleMetric(name) as Gauge | undefined) ?? new Gauge({ name, help });
}

function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return (register.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames });
}

/** Metrics of the outbox relay (every service that writes events runs one). */
export const outboxMetrics = {
  /** `propcast_outbox_pending_events`: events written but not yet acknowledged by the bus. */
  pending: gauge('propcast_outbox_pending_events', 'Events in the outbox not yet acknowledged by the bus'),
  /** `propcast_outbox_oldest_pending_age_seconds`: how long the oldest of them has waited. */
  oldestAge: gauge('propcast_outbox_oldest_pending_age_seconds', 'Age of the oldest event in the outbox not yet acknowledged by the bus'),
  /** `propcast_outbox_published_total{type}`. */
  published: counter('propcast_outbox_published_total', 'Outbox events the bus acknowledged', ['type']),
  /** `propcast_outbox_publish_failures_total{type}`: attempts the bus refused or did not answer in time (retried). */
  failures: counter('propcast_outbox_publish_failures_total', 'Outbox publish attempts that failed and will be retried', ['type']),
};
