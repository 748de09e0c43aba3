import { bootstrapService, postgresHealthCheck, redisHealthCheck } from '@propcast/observability';
import { AppModule } from './app.module';
import { loadIngestionConfig } from './config';
import { configureIngestionApp } from './http-setup';

void bootstrapService({
  service: 'ingestion',
  loadConfig: () => loadIngestionConfig(),
  rootModule: (config) => AppModule.forRoot(config),
  port: (config) => config.PORT,
  startupChecks: (config) => [postgresHealthCheck(config.DATABASE_URL), redisHealthCheck(config.REDIS_URL)],
  startupTimeoutMs: (config) => config.STARTUP_TIMEOUT_MS,
  configureApp: (app, config) => configureIngestionApp(app, config),
});
