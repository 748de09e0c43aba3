import { bootstrapService, postgresHealthCheck, redisHealthCheck } from '@propcast/observability';
import { AppModule } from './app.module';
import { loadPredictionWorkerConfig } from './config';

void bootstrapService({
  service: 'prediction-worker',
  loadConfig: () => loadPredictionWorkerConfig(),
  rootModule: (config) => AppModule.forRoot(config),
  port: (config) => config.PORT,
  startupChecks: (config) => [postgresHealthCheck(config.DATABASE_URL), redisHealthCheck(config.REDIS_URL)],
  startupTimeoutMs: (config) => config.STARTUP_TIMEOUT_MS,
});
