import { z } from 'zod';
import { envVar } from './config-spec';

const url = (protocols: string[]) =>
  z.string().refine(
    (s) => {
      try {
        return protocols.includes(new URL(s).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL with protocol ${protocols.join(' or ')}`,
  );

export const port = (def: number) => envVar(z.coerce.number().int().min(1).max(65535), 'HTTP port the service listens on', { default: String(def) });

/** Variables shared by the services; each service picks the ones it needs. */
export const CommonEnv = {
  LOG_LEVEL: envVar(z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']), 'log level of the JSON logs', { default: 'info' }),
  DATABASE_URL: envVar(url(['postgres:', 'postgresql:']), 'Postgres connection URL', {
    default: 'postgresql://propcast:propcast@127.0.0.1:5432/propcast',
    sensitive: true,
  }),
  REDIS_URL: envVar(url(['redis:', 'rediss:']), 'Redis URL (BullMQ queues, Redis Streams events, feature cache)', { default: 'redis://127.0.0.1:6379' }),
  EVENT_TRANSPORT: envVar(z.enum(['redis-streams', 'pubsub']), 'event bus transport: Redis Streams locally, Google Pub/Sub in production', { default: 'redis-streams' }),
  PUBSUB_PROJECT_ID: envVar(z.string(), 'Google Cloud project of the Pub/Sub topics (EVENT_TRANSPORT=pubsub)', { default: 'propcast-local' }),
  ARTIFACT_STORE_URI: envVar(z.string().regex(/^(gs:\/\/|file:\/\/|\/|\.)/, 'must be gs://bucket/prefix, file:///path or a path'), 'where raw batches and model artifacts are stored', {
    default: './var/artifacts',
  }),
  STARTUP_TIMEOUT_MS: envVar(z.coerce.number().int().min(100), 'how long start-up waits for Postgres/Redis before exiting', { default: '10000' }),
  EVENT_TOPIC_PREFIX: envVar(z.string(), 'prefix of every topic / stream name (isolates environments sharing a broker)', { default: '' }),
} as const;

/** What any process that reaches the database and the event bus reads (services, CLI commands, CronJobs). */
export const StoreAndBusEnv = {
  DATABASE_URL: CommonEnv.DATABASE_URL,
  REDIS_URL: CommonEnv.REDIS_URL,
  EVENT_TRANSPORT: CommonEnv.EVENT_TRANSPORT,
  PUBSUB_PROJECT_ID: CommonEnv.PUBSUB_PROJECT_ID,
  EVENT_TOPIC_PREFIX: CommonEnv.EVENT_TOPIC_PREFIX,
} as const;

/** API keys every service checks on its routes (the guard of @propcast/observability's bootstrap). */
export const AuthEnv = {
  API_KEYS: envVar(z.string(), 'API keys with full access, comma-separated, each `name:secret` (a bare secret is named key-1, key-2...); secrets of 16+ characters', {
    default: '',
    sensitive: true,
  }),
  READ_API_KEYS: envVar(z.string(), 'API keys for GET/HEAD routes only, same format (a bare secret is named read-key-1...)', { default: '', sensitive: true }),
  AUTH_DISABLED: envVar(
    z.enum(['true', 'false']).transform((v) => v === 'true'),
    'true opens every route without a key (local development only); without it a service with no API_KEYS/READ_API_KEYS refuses to start',
    { default: 'false' },
  ),
  AUTH_FAILURES_PER_MINUTE: envVar(z.coerce.number().int().min(1), 'failed or missing keys one client IP may send per minute; beyond, 429 until its budget refills', {
    default: '10',
  }),
} as const;

/** What every service reads besides its own variables (PORT included by each, with its own default). */
export const ServiceEnv = {
  LOG_LEVEL: CommonEnv.LOG_LEVEL,
  ...StoreAndBusEnv,
  STARTUP_TIMEOUT_MS: CommonEnv.STARTUP_TIMEOUT_MS,
  ...AuthEnv,
} as const;
