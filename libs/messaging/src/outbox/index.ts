export { Outbox, type TransactionalEvents } from './outbox';
export { OutboxEventBus, outboxOf, transportOf } from './outbox-event-bus';
export { OutboxRelay, type FlushResult, type OutboxRelayOptions } from './outbox-relay';
export { OutboxRepository, aggregateKeyOf, type OutboxBacklog, type OutboxItem, type Queryable } from './outbox.repository';
export { outboxMetrics } from './outbox.metrics';
