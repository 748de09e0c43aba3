import { z } from 'zod';
import { ConfigError, type ConfigOf, envVar, loadConfig, port, ServiceEnv } from '@propcast/config';
import { FeaturePipelineEnv } from '@propcast/feature-pipeline';
import { TRIGGER_MODES } from '@propcast/prediction-serving';

const positiveInt = (def: number, description: string) => envVar(z.coerce.number().int().min(1), description, { default: String(def) });

/** Every environment variable the prediction-coordinator service reads, validated at start-up. */
export const PredictionCoordinatorEnv = {
  PORT: port(3004),
  ...ServiceEnv,
  PUSH_AUDIENCE: envVar(z.string(), 'audience of the OIDC token Pub/Sub push requests must carry (empty: push requests are not verified)', { default: '' }),
  PUSH_SERVICE_ACCOUNT: envVar(z.string(), 'service account the push OIDC token must belong to (empty: any Google-signed token for the audience)', {
    default: '',
  }),
  TRIGGER_MODE: envVar(z.enum(TRIGGER_MODES), 'when phase.completed starts a batch: all_complete (every FEATURE_PROCESSORS reported the date), any, or manual', {
    default: 'all_complete',
  }),
  FEATURE_PROCESSORS: FeaturePipelineEnv.FEATURE_PROCESSORS,
  FEATURE_SET: FeaturePipelineEnv.FEATURE_SET,
  JOB_SIZE: positiveInt(250, 'prediction requests per BullMQ job'),
  JOB_ATTEMPTS: positiveInt(5, 'attempts of a prediction job before it counts as failed on its batch'),
  JOB_BACKOFF_MS: positiveInt(1000, 'first retry delay of a prediction job (exponential backoff)'),
  QUEUE_PREFIX: envVar(z.string().min(1), 'BullMQ key prefix of the predictions queue', { default: 'bull' }),
  STALL_TIMEOUT_MS: positiveInt(300_000, 'a batch without progress for this long is marked stalled and its missing work re-enqueued'),
  SWEEP_INTERVAL_MS: positiveInt(15_000, 'how often the coordinator looks for stalled batches and refreshes queue and tip-off coverage metrics'),
  TIPOFF_WINDOW_MINUTES: positiveInt(30, 'games tipping off within this many minutes count for propcast_prediction_coverage_at_tipoff_ratio (the coverage-at-tip-off alert)'),
};

export type PredictionCoordinatorConfig = ConfigOf<typeof PredictionCoordinatorEnv>;

/** Loads the prediction-coordinator configuration from the environment (throws a one-line ConfigError). */
export function loadPredictionCoordinatorConfig(env: NodeJS.ProcessEnv = process.env): PredictionCoordinatorConfig {
  // Its one key became a key of the shared scheme: refuse it loudly rather than run with a key nobody checks.
  if (env['COORDINATOR_API_KEY']) throw new ConfigError('COORDINATOR_API_KEY', 'is no longer read', 'put the key in API_KEYS as coordinator:<key>; X-API-Key still works');
  return loadConfig(PredictionCoordinatorEnv, env);
}
