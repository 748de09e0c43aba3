import { DynamicModule, Module } from '@nestjs/common';
import { DbModule } from '@propcast/db';
import { ObservabilityModule, postgresHealthCheck, redisHealthCheck } from '@propcast/observability';
import type { PredictionCoordinatorConfig } from './config';

/** Root module of the prediction-coordinator service. */
@Module({})
export class AppModule {
  static forRoot(config: PredictionCoordinatorConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        ObservabilityModule.forRoot({
          service: 'prediction-coordinator',
          checks: [postgresHealthCheck(config.DATABASE_URL), redisHealthCheck(config.REDIS_URL)],
        }),
      ],
    };
  }
}
