import { DynamicModule, Module } from '@nestjs/common';
import { DbModule } from '@propcast/db';
import { MessagingModule } from '@propcast/messaging';
import { ObservabilityModule, postgresHealthCheck, redisHealthCheck } from '@propcast/observability';
import type { PredictionWorkerConfig } from './config';
import { IngestionCompletedHandler } from './events/ingestion-completed.handler';
import { ModelPromotedSubscriber } from './events/model-promoted.subscriber';
import { PredictionProcessor } from './worker/prediction.processor';
import { FeatureCacheLifecycle, workerProviders } from './worker.providers';

/** Root module of the prediction-worker service: the BullMQ worker, model hot swap, live re-pricing, and /health, /metrics over HTTP. */
@Module({})
export class AppModule {
  static forRoot(config: PredictionWorkerConfig): DynamicModule {
    const common = { topicPrefix: config.EVENT_TOPIC_PREFIX, redisUrl: config.REDIS_URL };
    return {
      module: AppModule,
      imports: [
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL, poolSize: config.WORKER_CONCURRENCY + 2 }),
        MessagingModule.forRoot(
          config.EVENT_TRANSPORT === 'redis-streams' ? { transport: 'redis-streams', ...common } : { transport: 'pubsub', projectId: config.PUBSUB_PROJECT_ID, createIfMissing: true, ...common },
        ),
        ObservabilityModule.forRoot({
          service: 'prediction-worker',
          checks: [postgresHealthCheck(config.DATABASE_URL), redisHealthCheck(config.REDIS_URL)],
        }),
      ],
      providers: [...workerProviders(config), PredictionProcessor, ModelPromotedSubscriber, IngestionCompletedHandler, FeatureCacheLifecycle],
    };
  }
}
