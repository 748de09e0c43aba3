import type { CommonBusConfig, EventBusConfig, PubSubBusConfig } from './config';

/** The event-bus variables every service and CLI reads (`StoreAndBusEnv` of @propcast/config). */
export interface BusEnv {
  EVENT_TRANSPORT: 'redis-streams' | 'pubsub';
  PUBSUB_PROJECT_ID: string;
  REDIS_URL: string;
  EVENT_TOPIC_PREFIX: string;
}

/**
 * The bus configuration a process's environment selects: Redis Streams locally, Pub/Sub in production (Redis still
 * backs its idempotency store). `extra` adds what differs per process (logger, idempotency, push auth).
 */
export function busConfigFromEnv(env: BusEnv, extra: CommonBusConfig & Pick<PubSubBusConfig, 'pushAuth'> = {}): EventBusConfig {
  const { pushAuth, ...common } = extra;
  const shared = { topicPrefix: env.EVENT_TOPIC_PREFIX, redisUrl: env.REDIS_URL, ...common };
  return env.EVENT_TRANSPORT === 'pubsub' ? { transport: 'pubsub', projectId: env.PUBSUB_PROJECT_ID, pushAuth, ...shared } : { transport: 'redis-streams', ...shared };
}
