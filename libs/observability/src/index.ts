export { createLogger, JsonNestLogger, requestContext } from './logger';
export { initMetrics, counter, histogram, gauge, httpRequestDuration } from './metrics';
export { postgresHealthCheck, redisHealthCheck, runHealthChecks, describeError, type HealthCheck } from './health-checks';
export { ObservabilityModule, HEALTH_CHECKS, SERVICE_NAME } from './observability.module';
export { RequestContextMiddleware } from './request-context.middleware';
export { bootstrapService, type BootstrapOptions } from './bootstrap';
export { ProgressReporter, type ProgressSnapshot } from './progress';
