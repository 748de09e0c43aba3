import type { GradingConfig } from '@propcast/grading';
import type { DriftConfig } from '@propcast/model-registry';

/** What the trainer's root module gives grading. */
export interface GradingModuleOptions {
  /** Validated DRIFT_* (DriftEnv of @propcast/model-registry) and PROMOTION_* (GradingEnv of @propcast/grading) variables. */
  config: GradingConfig & DriftConfig;
  /** Where model metadata.json lives (ARTIFACT_STORE_URI). */
  artifactStoreUri: string;
  /** Run drift on DRIFT_CRON in this process (off where CronJobs run `propcast drift`). */
  scheduler: boolean;
}

/** Options of GradingModule as the trainer's root module passes them. */
export const GRADING_OPTIONS = Symbol('GRADING_OPTIONS');
