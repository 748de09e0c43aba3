import { DynamicModule, Module } from '@nestjs/common';
import { DbModule } from '@propcast/db';
import { busConfigFromEnv, MessagingModule } from '@propcast/messaging';
import { createLogger, ObservabilityModule, postgresHealthCheck, redisHealthCheck } from '@propcast/observability';
import { BackfillController } from './backfill/backfill.controller';
import type { FeatureStoreConfig } from './config';
import { IngestionCompletedHandler } from './events/ingestion-completed.handler';
import { featurePipelineProviders } from './feature-pipeline.providers';
import { FeaturesController } from './features/features.controller';

/** Root module of the feature-store service. */
@Module({})
export class AppModule {
  static forRoot(config: FeatureStoreConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // Room for a run (lock, write transaction, prefetch queries) next to the HTTP reads.
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL, poolSize: 10 }),
        ObservabilityModule.forRoot({
          service: 'feature-store',
          checks: [postgresHealthCheck(config.DATABASE_URL), redisHealthCheck(config.REDIS_URL)],
        }),
        MessagingModule.forRoot(busConfigFromEnv(config, { logger: createLogger('messaging', config.LOG_LEVEL) })),
      ],
      controllers: [FeaturesController, BackfillController],
      providers: [...featurePipelineProviders(config), IngestionCompletedHandler],
    };
  }
}
