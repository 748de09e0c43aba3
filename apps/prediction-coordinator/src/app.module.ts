import { DynamicModule, Module } from '@nestjs/common';
import { DbModule } from '@propcast/db';
import { busConfigFromEnv, MessagingModule, type EventBusConfig } from '@propcast/messaging';
import { ObservabilityModule, postgresHealthCheck, redisHealthCheck } from '@propcast/observability';
import type { PredictionCoordinatorConfig } from './config';
import { coordinatorProviders, PredictionQueueLifecycle } from './coordinator.providers';
import { AvailabilityNewsHandler } from './events/availability-news.handler';
import { PhaseCompletedStreamHandler } from './events/phase-completed.handler';
import { BatchesController } from './http/batches.controller';
import { PubSubPushController } from './http/pubsub-push.controller';
import { BatchProgressListener } from './queue/batch-progress.listener';
import { StallSweeper } from './queue/stall-sweeper.service';

/** The event bus of the configured transport; push requests are OIDC-checked when PUSH_AUDIENCE is set. */
function busConfig(config: PredictionCoordinatorConfig): EventBusConfig {
  const pushAuth = config.PUSH_AUDIENCE ? { audience: config.PUSH_AUDIENCE, serviceAccountEmail: config.PUSH_SERVICE_ACCOUNT || undefined } : undefined;
  return busConfigFromEnv(config, { pushAuth });
}

/**
 * Root module of the prediction-coordinator service. phase.completed arrives by Pub/Sub push (POST /pubsub/push) with
 * EVENT_TRANSPORT=pubsub, or from the Redis Streams bus otherwise. Availability imports (ingestion.completed) arrive by
 * pull on either transport, so news whose features are already current starts at once.
 */
@Module({})
export class AppModule {
  static forRoot(config: PredictionCoordinatorConfig): DynamicModule {
    const push = config.EVENT_TRANSPORT === 'pubsub';
    return {
      module: AppModule,
      imports: [
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        MessagingModule.forRoot(busConfig(config)),
        ObservabilityModule.forRoot({
          service: 'prediction-coordinator',
          checks: [postgresHealthCheck(config.DATABASE_URL), redisHealthCheck(config.REDIS_URL)],
        }),
      ],
      controllers: push ? [BatchesController, PubSubPushController] : [BatchesController],
      providers: [
        ...coordinatorProviders(config),
        BatchProgressListener,
        StallSweeper,
        ...(push ? [AvailabilityNewsHandler] : [PhaseCompletedStreamHandler, AvailabilityNewsHandler]),
        PredictionQueueLifecycle,
      ],
    };
  }
}
