import type { EventType } from './events/event-registry';

/**
 * Transport names in one place.
 * - Pub/Sub: one topic per event type; one subscription per (topic, consumer group).
 * - Redis Streams: one stream per event type, named like the topic; consumer group = our group name.
 * - Dead letters: `<topic or stream>.dlq`.
 */
export const Topics = {
  'ingestion.completed': 'propcast.ingestion.completed',
  'phase.completed': 'propcast.phase.completed',
  'predictions.ready': 'propcast.predictions.ready',
  'predictions.updated': 'propcast.predictions.updated',
  'model.promoted': 'propcast.model.promoted',
  'retrain.requested': 'propcast.retrain.requested',
  'training.completed': 'propcast.training.completed',
} as const satisfies Record<EventType, string>;

/** BullMQ queue names. */
export const QueueNames = {
  predictions: 'predictions',
} as const;

/** Service names: the `source` of the events they publish and, by convention, their consumer group. */
export const ServiceNames = {
  ingestion: 'ingestion',
  featureStore: 'feature-store',
  trainer: 'trainer',
  predictionCoordinator: 'prediction-coordinator',
  predictionWorker: 'prediction-worker',
} as const;
export type ServiceName = (typeof ServiceNames)[keyof typeof ServiceNames];

/** Topic of an event type, optionally namespaced (`prefix` isolates environments and tests). */
export function topicName(type: EventType, prefix = ''): string {
  return `${prefix}${Topics[type]}`;
}

/** Redis stream of an event type: the same name as its topic. */
export const streamName = topicName;

/** Pub/Sub subscription of a consumer group on a topic. */
export function subscriptionName(topic: string, group: string): string {
  return `${topic}.${group}`;
}

/** Dead-letter topic / stream for a topic / stream. */
export function deadLetterName(topicOrStream: string): string {
  return `${topicOrStream}.dlq`;
}

/** Pull subscription on a dead-letter topic that retains dead letters for inspection and replay. */
export function deadLetterSubscriptionName(topic: string): string {
  return `${deadLetterName(topic)}.inspect`;
}
