import { z } from 'zod';
import { envVar, type ConfigOf } from '@propcast/config';
import { FEATURE_PIPELINE_DEFAULTS, type FeaturePipelineOptions } from '../feature-pipeline.factory';
import { resolveFeatureSet } from '../feature-sets/feature-set-catalog';
import { parseProcessorList, planProcessors } from '../processors/processor-plan';

const positiveInt = (def: number, description: string) => envVar(z.coerce.number().int().min(1), description, { default: String(def) });

/** A string checked by a function that throws a typed error; the error becomes the validation message. */
const validatedBy = (check: (value: string) => unknown) =>
  z.string().superRefine((value, ctx) => {
    try {
      check(value);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  });

/** The environment variables of the feature pipeline, shared by the feature-store service and the CLI. */
export const FeaturePipelineEnv = {
  FEATURE_SET: envVar(
    validatedBy((v) => resolveFeatureSet(v)),
    'feature set computed and served (id or version, e.g. v1)',
    {
      default: FEATURE_PIPELINE_DEFAULTS.featureSet,
    },
  ),
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

export type FeaturePipelineConfig = ConfigOf<typeof FeaturePipelineEnv>;

/** Maps validated FEATURE_* variables to pipeline options. */
export function featurePipelineSettings(config: FeaturePipelineConfig): Omit<FeaturePipelineOptions, 'pool'> {
  return {
    featureSet: config.FEATURE_SET,
    processors: config.FEATURE_PROCESSORS,
    cacheKeyPrefix: config.FEATURE_CACHE_KEY_PREFIX,
    cacheTtlSeconds: config.FEATURE_CACHE_TTL_SECONDS,
    rosterGames: config.FEATURE_ROSTER_GAMES,
    upcomingHorizonDays: config.FEATURE_UPCOMING_DAYS,
    chunkDates: config.FEATURE_CHUNK_DATES,
  };
}
