import { bootstrapService, postgresHealthCheck } from '@propcast/observability';
import { AppModule } from './app.module';
import { loadApiConfig } from './config';
import { API_HTTP } from './http-setup';

void bootstrapService({
  service: 'api',
  loadConfig: () => loadApiConfig(),
  rootModule: (config) => AppModule.forRoot(config),
  port: (config) => config.PORT,
  startupChecks: (config) => [postgresHealthCheck(config.DATABASE_URL)],
  startupTimeoutMs: (config) => config.STARTUP_TIMEOUT_MS,
  ...API_HTTP,
});
