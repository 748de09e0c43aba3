import { bootstrapService, postgresHealthCheck, redisHealthCheck } from '@propcast/observability';
import { AppModule } from './app.module';
import { loadIngestionConfig } from './config';
import { configureIngestionApp, INGESTION_HTTP } from './http-setup';

void bootstrapService({
  service: 'ingestion',
  loadConfig: () => loadIngestionConfig(),
  rootModule: (config) => AppModule.forRoot(config),
  port: (config) => config.PORT,
  startupChecks: (config) => [postgresHealthCheck(config.DATABASE_URL), redisHealthCheck(config.REDIS_URL)],
  startupTimeoutMs: (config) => config.STARTUP_TIMEOUT_MS,
  ...INGESTION_HTTP,
  configureApp: (app, config) => configureIngestionApp(app, config),
});
