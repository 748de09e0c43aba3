import { z } from 'zod';
import { CommonEnv, envVar, loadConfig, port, type ConfigOf } from '@propcast/config';
import { FEATURE_PIPELINE_DEFAULTS, parseProcessorList, planProcessors, resolveFeatureSet } from '@propcast/feature-pipeline';

const positiveInt = (def: number, description: string) => envVar(z.coerce.number().int().min(1), description, { default: String(def) });

/** Checks a value with a function that throws a typed error, turning the error into the validation message. */
const validatedBy = (check: (value: string) => unknown) =>
  z.string().superRefine((value, ctx) => {
    try {
      check(value);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  });

/** Every environment variable the feature-store service reads, validated at start-up. */
export const FeatureStoreEnv = {
  PORT: port(3002),
  LOG_LEVEL: CommonEnv.LOG_LEVEL,
  DATABASE_URL: CommonEnv.DATABASE_URL,
  REDIS_URL: CommonEnv.REDIS_URL,
  STARTUP_TIMEOUT_MS: CommonEnv.STARTUP_TIMEOUT_MS,
  EVENT_TRANSPORT: CommonEnv.EVENT_TRANSPORT,
  PUBSUB_PROJECT_ID: CommonEnv.PUBSUB_PROJECT_ID,
  EVENT_TOPIC_PREFIX: envVar(z.string(), 'prefix of every topic / stream name (isolates environments sharing a broker)', { default: '' }),
  FEATURE_SET: envVar(validatedBy((v) => resolveFeatureSet(v)), 'feature set this service computes and serves (id or version, e.g. v1)', {
    default: FEATURE_PIPELINE_DEFAULTS.featureSet,
  }),
  FEATURE_PROCESSORS: envVar(
    validatedBy((v) => planProcessors(parseProcessorList(v), resolveFeatureSet(FEATURE_PIPELINE_DEFAULTS.featureSet))),
    'processors run per date, comma-separated; each reports phase.completed (the prediction coordinator waits for the same list)',
    { default: FEATURE_PIPELINE_DEFAULTS.processors },
  ),
  FEATURE_CACHE_TTL_SECONDS: positiveInt(FEATURE_PIPELINE_DEFAULTS.cacheTtlSeconds, 'how long a date of feature rows stays in the Redis cache'),
  FEATURE_CACHE_KEY_PREFIX: envVar(z.string(), 'prefix of the Redis keys of the feature cache', { default: FEATURE_PIPELINE_DEFAULTS.cacheKeyPrefix }),
  FEATURE_ROSTER_GAMES: positiveInt(FEATURE_PIPELINE_DEFAULTS.rosterGames, "an upcoming game's players: who played for the team in its last N games"),
  FEATURE_UPCOMING_DAYS: envVar(z.coerce.number().int().min(0), 'scheduled games up to this many days after today (UTC) get feature rows', {
    default: String(FEATURE_PIPELINE_DEFAULTS.upcomingHorizonDays),
  }),
  FEATURE_CHUNK_DATES: positiveInt(FEATURE_PIPELINE_DEFAULTS.chunkDates, 'dates written per transaction by backfills and recomputes'),
};

export type FeatureStoreConfig = ConfigOf<typeof FeatureStoreEnv>;

/** Loads the feature-store configuration from the environment (throws a one-line ConfigError). */
export function loadFeatureStoreConfig(env: NodeJS.ProcessEnv = process.env): FeatureStoreConfig {
  return loadConfig(FeatureStoreEnv, env);
}
