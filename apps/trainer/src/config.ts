import { CommonEnv, type ConfigOf, envVar, loadConfig, port, ServiceEnv } from '@propcast/config';
import { GradingEnv } from '@propcast/grading';
import { DriftEnv } from '@propcast/model-registry';
import { BettingGatesEnv, PicksNotificationsEnv } from '@propcast/read-model';
import { TrainingEnv } from '@propcast/training';
import { z } from 'zod';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const cron = z.string().regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron expression with 5 or 6 fields');

/** Every environment variable the trainer service reads, validated at start-up. */
export const TrainerEnv = {
  PORT: port(3003),
  ...ServiceEnv,
  ARTIFACT_STORE_URI: CommonEnv.ARTIFACT_STORE_URI,
  TRAINER_SCHEDULER_ENABLED: envVar(bool, 'run the trainer cron jobs (and the drift schedule) in-process; false when Kubernetes CronJobs call the trainer instead', { default: 'true' }),
  TRAINER_DATA_CHECK_CRON: envVar(cron, 'daily data check: rows since each production model, trains stats that have none (UTC)', { default: '0 6 * * *' }),
  TRAINER_DRIFT_CHECK_CRON: envVar(cron, 'weekly drift hook: retrains stats whose newest drift report passes DRIFT_PSI_THRESHOLD or DRIFT_MAE_TOLERANCE and was not acted on yet (UTC)', {
    default: '0 7 * * 1',
  }),
  TRAINER_RETRAIN_CRON: envVar(cron, 'monthly forced retrain of every stat (UTC)', { default: '0 8 1 * *' }),
  ...TrainingEnv,
  ...DriftEnv,
  ...GradingEnv,
  // Picks posted to webhooks on predictions.ready, called with the worker's gates.
  ...PicksNotificationsEnv,
  ...BettingGatesEnv,
};

export type TrainerConfig = ConfigOf<typeof TrainerEnv>;

/** Loads the trainer configuration from the environment (throws a one-line ConfigError). */
export function loadTrainerConfig(env: NodeJS.ProcessEnv = process.env): TrainerConfig {
  return loadConfig(TrainerEnv, env);
}
