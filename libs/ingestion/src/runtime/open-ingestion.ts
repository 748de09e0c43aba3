import type { Pool } from 'pg';
import { createArtifactStore } from '@propcast/artifact-store';
import { CommonEnv, loadConfig, StoreAndBusEnv } from '@propcast/config';
import { createPgPool } from '@propcast/db';
import { busConfigFromEnv, createEventBus } from '@propcast/messaging';
import { ImportBatchUseCase } from '../usecases/import-batch.usecase';
import { MergePlayersUseCase } from '../usecases/merge-players.usecase';
import { PlayerAliasesUseCase } from '../usecases/player-aliases.usecase';

/** What an import outside the service (the CLI) reads from the environment: the same variables as the ingestion service. */
export const StandaloneIngestionEnv = {
  ...StoreAndBusEnv,
  ARTIFACT_STORE_URI: CommonEnv.ARTIFACT_STORE_URI,
};

/** An import use case wired from the environment, and how to release its connections. */
export interface OpenIngestion {
  useCase: ImportBatchUseCase;
  mergePlayers: MergePlayersUseCase;
  playerAliases: PlayerAliasesUseCase;
  /** The connection pool, for read-only queries (e.g. players sharing a name). */
  pool: Pool;
  close(): Promise<void>;
}

/** Wires the import use case to DATABASE_URL, ARTIFACT_STORE_URI and the configured event bus (throws a one-line ConfigError). */
export function openIngestion(env: NodeJS.ProcessEnv = process.env): OpenIngestion {
  const config = loadConfig(StandaloneIngestionEnv, env);
  const pool = createPgPool(config.DATABASE_URL, 2);
  const bus = createEventBus(busConfigFromEnv(config, { idempotency: false }));
  const useCase = new ImportBatchUseCase({ pool, artifacts: createArtifactStore(config.ARTIFACT_STORE_URI), events: bus });
  return {
    useCase,
    mergePlayers: new MergePlayersUseCase({ pool, events: bus }),
    playerAliases: new PlayerAliasesUseCase({ pool }),
    pool,
    async close() {
      await Promise.allSettled([bus.close(), pool.end()]);
    },
  };
}
