import { DynamicModule, Module } from '@nestjs/common';
import { DbModule } from '@propcast/db';
import { ObservabilityModule, postgresHealthCheck, redisHealthCheck } from '@propcast/observability';
import type { IngestionConfig } from './config';

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
      ],
    };
  }
}
