import { MessagingConfigError } from './errors';
import type { IdempotencyStore } from './idempotency/idempotency-store.interface';
import type { MessagingLogger } from './logger';
import type { PushAuthOptions } from './pubsub/push-auth';

/** Settings shared by both transports. */
export interface CommonBusConfig {
  /** Prepended to every topic / stream name: isolates environments sharing a broker, and tests. */
  topicPrefix?: string;
  /** Failed deliveries before a message is dead-lettered (default 5). */
  maxAttempts?: number;
  /** Handlers running at once per subscription (default 1). */
  concurrency?: number;
  /** Duplicate suppression by event id; default: Redis store when a Redis URL is known; `false` disables. */
  idempotency?: IdempotencyStore | false;
  /** How long `close()` waits for running handlers before giving up on them (default 10 s). */
  drainTimeoutMs?: number;
  logger?: MessagingLogger;
}

/** Redis Streams transport: the local/default one. */
export interface RedisStreamsBusConfig extends CommonBusConfig {
  transport: 'redis-streams';
  /** Default `REDIS_URL`, else `redis://127.0.0.1:6379`. */
  redisUrl?: string;
  /** A delivered, unacknowledged message is redelivered after this idle time (default 30 s). */
  visibilityTimeoutMs?: number;
  /** Longest XREADGROUP block (default 5 s; capped by the reclaim interval). */
  blockMs?: number;
  /** Approximate stream length cap, `MAXLEN ~` (default 100 000); dead-letter streams use the same cap. */
  maxLen?: number;
}

/** Google Pub/Sub transport. */
export interface PubSubBusConfig extends CommonBusConfig {
  transport: 'pubsub';
  /** Default `GOOGLE_CLOUD_PROJECT` / `PUBSUB_PROJECT_ID`. */
  projectId?: string;
  /** `host:port` of the emulator; default `PUBSUB_EMULATOR_HOST`. */
  emulatorHost?: string;
  /** Create missing topics and subscriptions (with dead-letter policy); default true on the emulator only. */
  createIfMissing?: boolean;
  /** Ack deadline of subscriptions we create (default 60 s); the client extends leases while a handler runs. */
  ackDeadlineSeconds?: number;
  /** Redis used for the idempotency store (the Pub/Sub bus needs no Redis otherwise). */
  redisUrl?: string;
  /** Default OIDC check of push requests (per push handler overridable); no audience = no check. */
  pushAuth?: PushAuthOptions;
}

export type EventBusConfig = RedisStreamsBusConfig | PubSubBusConfig;

/** Default Redis URL: `REDIS_URL` or the local one. */
export function defaultRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** `value ?? fallback`, checked to be a positive integer. */
export function positiveInt(name: string, value: number | undefined, fallback: number): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved <= 0) {
    throw new MessagingConfigError(`${name} must be a positive integer, got ${String(value)}`);
  }
  return resolved;
}
