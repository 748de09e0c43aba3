import { DynamicModule, Module } from '@nestjs/common';
import { ArtifactStoreModule } from '@propcast/artifact-store';
import { DbModule } from '@propcast/db';
import { inputLimitsOf } from '@propcast/ingestion';
import { busConfigFromEnv, MessagingModule, type EventBusConfig } from '@propcast/messaging';
import { ObservabilityModule, postgresHealthCheck, redisHealthCheck } from '@propcast/observability';
import type { IngestionConfig } from './config';
import { CollectorMetricsModule } from './collectors/collector-metrics.module';
import { IngestModule } from './ingest/ingest.module';
import { PlayersModule } from './players/players.module';

/** Event bus settings of the ingestion service (it only publishes ingestion.completed). */
export function ingestionBusConfig(config: IngestionConfig): EventBusConfig {
  return busConfigFromEnv(config, { idempotency: false });
}

/** Root module of the ingestion service. */
@Module({})
export class AppModule {
  static forRoot(config: IngestionConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        ObservabilityModule.forRoot({
          service: 'ingestion',
          checks: [postgresHealthCheck(config.DATABASE_URL), redisHealthCheck(config.REDIS_URL)],
        }),
        ArtifactStoreModule.forRoot({ uri: config.ARTIFACT_STORE_URI }),
        MessagingModule.forRoot(ingestionBusConfig(config)),
        IngestModule.forRoot({ maxBodyBytes: config.INGEST_MAX_BODY_BYTES, limits: inputLimitsOf(config) }),
        PlayersModule,
        CollectorMetricsModule,
      ],
    };
  }
}
