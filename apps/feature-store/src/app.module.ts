import { DynamicModule, Module } from '@nestjs/common';
import { DbModule } from '@propcast/db';
import { ObservabilityModule, postgresHealthCheck, redisHealthCheck } from '@propcast/observability';
import type { FeatureStoreConfig } from './config';

/** Root module of the feature-store service. */
@Module({})
export class AppModule {
  static forRoot(config: FeatureStoreConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        ObservabilityModule.forRoot({
          service: 'feature-store',
          checks: [postgresHealthCheck(config.DATABASE_URL), redisHealthCheck(config.REDIS_URL)],
        }),
      ],
    };
  }
}
