import { DynamicModule, Module } from '@nestjs/common';
import { ArtifactStoreModule } from '@propcast/artifact-store';
import { DbModule } from '@propcast/db';
import { busConfigFromEnv, MessagingModule, type EventBusConfig } from '@propcast/messaging';
import { ObservabilityModule, postgresHealthCheck, redisHealthCheck } from '@propcast/observability';
import type { TrainerConfig } from './config';
import { GradingModule } from './grading/grading.module';
import { NotificationsModule } from './notifications/notifications.module';
import { TrainerModule } from './trainer.module';

/** Event bus settings of the trainer from its configuration. */
export function trainerBusConfig(config: TrainerConfig): EventBusConfig {
  return busConfigFromEnv(config);
}

/** Root module of the trainer service: training and the model registry, plus grading and drift detection. */
@Module({})
export class AppModule {
  /** The whole service from its validated configuration. */
  static forRoot(config: TrainerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        ObservabilityModule.forRoot({
          service: 'trainer',
          checks: [postgresHealthCheck(config.DATABASE_URL), redisHealthCheck(config.REDIS_URL)],
        }),
        ArtifactStoreModule.forRoot({ uri: config.ARTIFACT_STORE_URI }),
        MessagingModule.forRoot(trainerBusConfig(config)),
        TrainerModule.forRoot(config),
        GradingModule.forRoot({ config, artifactStoreUri: config.ARTIFACT_STORE_URI, scheduler: config.TRAINER_SCHEDULER_ENABLED }),
        NotificationsModule.forRoot(config),
      ],
    };
  }
}
