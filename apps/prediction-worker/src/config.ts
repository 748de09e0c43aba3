import { hostname } from 'node:os';
import { z } from 'zod';
import { CommonEnv, type ConfigOf, envVar, loadConfig, port, ServiceEnv } from '@propcast/config';
import { FeaturePipelineEnv } from '@propcast/feature-pipeline';
import { DEFAULT_QUALITY_THRESHOLDS } from '@propcast/prediction';

const positiveInt = (def: number, description: string) => envVar(z.coerce.number().int().min(1), description, { default: String(def) });
const number = (def: number, description: string, min: number, max: number) => envVar(z.coerce.number().min(min).max(max), description, { default: String(def) });

/** Every environment variable the prediction-worker service reads, validated at start-up. */
export const PredictionWorkerEnv = {
  PORT: port(3005),
  ...ServiceEnv,
  ARTIFACT_STORE_URI: CommonEnv.ARTIFACT_STORE_URI,
  QUEUE_PREFIX: envVar(z.string().min(1), 'BullMQ key prefix of the predictions queue', { default: 'bull' }),
  WORKER_CONCURRENCY: positiveInt(4, 'prediction jobs one worker process runs at once'),
  WORKER_LOCK_DURATION_MS: positiveInt(30_000, "how long a worker's lock on a job lasts without renewal (a killed worker's jobs are retaken after it)"),
  WORKER_STALLED_INTERVAL_MS: positiveInt(30_000, 'how often a worker looks for jobs whose lock expired (stalled jobs)'),
  WORKER_INSTANCE: envVar(z.string().regex(/^[A-Za-z0-9._-]{1,60}$/, 'letters, digits, . _ - only'), 'name of this worker in its model.promoted consumer group', {
    default: `${hostname()
      .replace(/[^A-Za-z0-9._-]/g, '-')
      .slice(0, 40)}-${process.pid}`,
  }),
  MODEL_CACHE_SIZE: positiveInt(16, 'loaded models a worker keeps (least recently used evicted beyond it)'),
  MODEL_REFRESH_INTERVAL_MS: positiveInt(60_000, 'a worker re-reads the registry after this long even without a model.promoted event'),
  ONNX_INTRA_OP_THREADS: positiveInt(1, 'intra-op threads of the ONNX session on the calling thread'),
  ONNX_WORKER_THREADS: envVar(z.coerce.number().int().min(0).max(16), 'worker threads per loaded model scoring larger batches (0 = calling thread only)', { default: '0' }),
  MIN_EDGE: number(0.03, 'minimum edge (model minus vig-free market probability) to recommend OVER or UNDER', -1, 1),
  MIN_CONFIDENCE: number(0.05, 'minimum confidence in the recommended side', -1, 1),
  KELLY_FRACTION: number(0.25, 'multiplier on full Kelly for the stake (0.25 = quarter Kelly)', 0, 1),
  KELLY_CAP: number(0.05, 'largest stake as a share of bankroll', 0, 1),
  MIN_GAMES: positiveInt(DEFAULT_QUALITY_THRESHOLDS.minGames, 'fewer games this season than this flags a prediction few_games'),
  MAX_MINUTES_STD: number(DEFAULT_QUALITY_THRESHOLDS.maxMinutesStd, 'minutes standard deviation above this flags minutes_volatile', 0, 60),
  STALE_LINE_MINUTES: positiveInt(DEFAULT_QUALITY_THRESHOLDS.maxLineAgeMinutes, 'a line older than this (minutes) flags stale_line'),
  FEATURE_CACHE_TTL_SECONDS: FeaturePipelineEnv.FEATURE_CACHE_TTL_SECONDS,
  FEATURE_CACHE_KEY_PREFIX: FeaturePipelineEnv.FEATURE_CACHE_KEY_PREFIX,
};

export type PredictionWorkerConfig = ConfigOf<typeof PredictionWorkerEnv>;

/** Loads the prediction-worker configuration from the environment (throws a one-line ConfigError). */
export function loadPredictionWorkerConfig(env: NodeJS.ProcessEnv = process.env): PredictionWorkerConfig {
  return loadConfig(PredictionWorkerEnv, env);
}
