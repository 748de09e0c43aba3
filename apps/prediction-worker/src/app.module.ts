import { DynamicModule, Module } from '@nestjs/common';
import { DbModule } from '@propcast/db';
import { ObservabilityModule, postgresHealthCheck, redisHealthCheck } from '@propcast/observability';
import type { PredictionWorkerConfig } from './config';

/** Root module of the prediction-worker service. */
@Module({})
export class AppModule {
  static forRoot(config: PredictionWorkerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        ObservabilityModule.forRoot({
          service: 'prediction-worker',
          checks: [postgresHealthCheck(config.DATABASE_URL), redisHealthCheck(config.REDIS_URL)],
        }),
      ],
    };
  }
}
