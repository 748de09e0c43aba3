import { DynamicModule, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import type { Pool } from 'pg';
import { ARTIFACT_STORE, type ArtifactStore } from '@propcast/artifact-store';
import { PG_POOL } from '@propcast/db';
import { createIngestionRepositories, ImportBatchUseCase, type InputLimits } from '@propcast/ingestion';
import { EVENT_BUS, outboxOf, type EventBus } from '@propcast/messaging';
import { IngestController } from './ingest.controller';

/** POST /ingest/box-scores, /ingest/schedule, /ingest/props: the import use case behind HTTP. */
@Module({})
export class IngestModule {
  static forRoot(options: { maxBodyBytes: number; limits?: InputLimits }): DynamicModule {
    return {
      module: IngestModule,
      // Uploaded files stay in memory (the import needs the whole batch) and are capped like raw bodies: 413 beyond.
      imports: [MulterModule.register({ limits: { fileSize: options.maxBodyBytes, files: 1 } })],
      controllers: [IngestController],
      providers: [
        {
          provide: ImportBatchUseCase,
          useFactory: (pool: Pool, artifacts: ArtifactStore, bus: EventBus) =>
            new ImportBatchUseCase({ pool, artifacts, events: outboxOf(bus, pool), repositories: createIngestionRepositories(), limits: options.limits }),
          inject: [PG_POOL, ARTIFACT_STORE, EVENT_BUS],
        },
      ],
    };
  }
}
