import type { Pool } from 'pg';
import { createArtifactStore } from '@propcast/artifact-store';
import { CommonEnv, loadConfig, StoreAndBusEnv } from '@propcast/config';
import { createPgPool } from '@propcast/db';
import { busConfigFromEnv, createEventBus, Outbox } from '@propcast/messaging';
import { ImportBatchUseCase } from '../usecases/import-batch.usecase';
import { IngestLimitsEnv, inputLimitsOf } from './ingest-limits.env';
import { MergePlayersUseCase } from '../usecases/merge-players.usecase';
import { PlayerAliasesUseCase } from '../usecases/player-aliases.usecase';
import { CollectGarbageUseCase } from '../retention/collect-garbage.usecase';
import { createIngestionRepositories, type IngestionRepositories } from '../composition/ingestion-repositories';

/** What an import outside the service (the CLI) reads from the environment: the same variables as the ingestion service. */
export const StandaloneIngestionEnv = {
  ...StoreAndBusEnv,
  ARTIFACT_STORE_URI: CommonEnv.ARTIFACT_STORE_URI,
  ...IngestLimitsEnv,
};

/** An import use case wired from the environment, and how to release its connections. */
export interface OpenIngestion {
  useCase: ImportBatchUseCase;
  mergePlayers: MergePlayersUseCase;
  playerAliases: PlayerAliasesUseCase;
  /** `propcast gc`: rejected bytes past retention, orphaned archives, temp files. */
  collectGarbage: CollectGarbageUseCase;
  /** The connection pool, for read-only queries (e.g. players sharing a name). */
  pool: Pool;
  /** The repositories the use cases were built with (read-only queries such as players sharing a name). */
  repositories: IngestionRepositories;
  close(): Promise<void>;
}

/** Wires the import use case to DATABASE_URL, ARTIFACT_STORE_URI and the configured event bus (throws a one-line ConfigError). */
export function openIngestion(env: NodeJS.ProcessEnv = process.env): OpenIngestion {
  const config = loadConfig(StandaloneIngestionEnv, env);
  const pool = createPgPool(config.DATABASE_URL, 2);
  const bus = createEventBus(busConfigFromEnv(config, { idempotency: false }));
  // No background relay: each import flushes after its commit; what the bus did not take waits for a service's relay.
  const outbox = new Outbox(pool, bus);
  const artifacts = createArtifactStore(config.ARTIFACT_STORE_URI);
  const repositories = createIngestionRepositories();
  const useCase = new ImportBatchUseCase({ pool, artifacts, events: outbox, repositories, limits: inputLimitsOf(config) });
  return {
    useCase,
    playerAliases: new PlayerAliasesUseCase({ pool, repositories }),
    mergePlayers: new MergePlayersUseCase({ pool, events: outbox, repositories }),
    collectGarbage: new CollectGarbageUseCase({ pool, artifacts }),
    pool,
    repositories,
    async close() {
      // Hand what the bus can take now; the rest stays in the outbox for a service's relay.
      await outbox.flush();
      await outbox.stop();
      await Promise.allSettled([bus.close(), pool.end()]);
    },
  };
}
