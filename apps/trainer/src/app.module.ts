import { DynamicModule, Module } from '@nestjs/common';
import { DbModule } from '@propcast/db';
import { ObservabilityModule, postgresHealthCheck, redisHealthCheck } from '@propcast/observability';
import type { TrainerConfig } from './config';

/** Root module of the trainer service. */
@Module({})
export class AppModule {
  static forRoot(config: TrainerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        ObservabilityModule.forRoot({
          service: 'trainer',
          checks: [postgresHealthCheck(config.DATABASE_URL), redisHealthCheck(config.REDIS_URL)],
        }),
      ],
    };
  }
}
