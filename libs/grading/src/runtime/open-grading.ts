import type { Pool } from 'pg';
import { createArtifactStore, type ArtifactStore } from '@propcast/artifact-store';
import { CommonEnv, loadConfig, StoreAndBusEnv } from '@propcast/config';
import { createPgPool } from '@propcast/db';
import { DriftEnv, type DriftConfig } from '@propcast/model-registry';
import { busConfigFromEnv, createServiceEventBus, type EventBus } from '@propcast/messaging';
import { GradingEnv, type GradingConfig } from './grading.env';

/** Everything a standalone process (the CLI) reads to grade, backtest and evaluate drift. */
export const StandaloneGradingEnv = {
  ...StoreAndBusEnv,
  ARTIFACT_STORE_URI: CommonEnv.ARTIFACT_STORE_URI,
  ...DriftEnv,
  ...GradingEnv,
};

/** Open connections of a standalone grading process. */
export interface OpenGrading {
  pool: Pool;
  artifacts: ArtifactStore;
  /** The event bus, when opened `withEvents`. */
  bus: EventBus | null;
  config: GradingConfig & DriftConfig;
  close(): Promise<void>;
}

/** Opens Postgres, the artifact store and, when `withEvents`, the event bus, from the environment. */
export function openGrading(opts: { withEvents: boolean; env?: NodeJS.ProcessEnv }): OpenGrading {
  const config = loadConfig(StandaloneGradingEnv, opts.env ?? process.env);
  const pool = createPgPool(config.DATABASE_URL, 4);
  // Through the outbox: retrain.requested survives a bus outage (a service's relay sends it on).
  const bus: EventBus | null = opts.withEvents ? createServiceEventBus(busConfigFromEnv(config), pool) : null;
  return {
    pool,
    artifacts: createArtifactStore(config.ARTIFACT_STORE_URI),
    bus,
    config,
    async close() {
      await bus?.close().catch(() => undefined); // its last outbox flush needs the pool
      await Promise.allSettled([pool.end()]);
    },
  };
}
