import { Controller, DynamicModule, Get, HttpCode, Inject, MiddlewareConsumer, Module, NestModule, Res } from '@nestjs/common';
import type { Response } from 'express';
import { register } from 'prom-client';
import { runHealthChecks, type HealthCheck } from './health-checks';
import { RequestContextMiddleware } from './request-context.middleware';
import { Public } from './auth/route-access.decorators';

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
export const SERVICE_NAME = Symbol('SERVICE_NAME');

@Controller('health')
@Public()
class HealthController {
  constructor(
    @Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[],
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  @HttpCode(200)
  live(): { status: string; service: string } {
    return { status: 'ok', service: this.service };
  }

  /** Readiness: every dependency this service needs answers; 503 otherwise. */
  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    const result = await runHealthChecks(this.checks);
    res.status(result.ok ? 200 : 503).json({ status: result.ok ? 'ready' : 'not-ready', service: this.service, checks: result.checks });
  }
}

@Controller('metrics')
@Public()
class MetricsController {
  /** Prometheus exposition of the process registry. */
  @Get()
  async metrics(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', register.contentType);
    res.send(await register.metrics());
  }
}

/** /health, /health/ready, /metrics, request ids and HTTP latency metrics for a service. */
@Module({})
export class ObservabilityModule implements NestModule {
  static forRoot(options: { service: string; checks: HealthCheck[] }): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: HEALTH_CHECKS, useValue: options.checks },
        { provide: SERVICE_NAME, useValue: options.service },
      ],
      exports: [HEALTH_CHECKS, SERVICE_NAME],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*path');
  }
}
