import { Injectable, NestMiddleware } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './logger';
import { httpRequestDuration } from './metrics';

/** Gives each request an id (x-request-id in or a new uuid), echoes it, and records its latency; once per request. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  private readonly duration = httpRequestDuration();

  use(req: Request, res: Response, next: NextFunction): void {
    // Mounted twice in a bootstrapped service (first of all, and by ObservabilityModule): the first one counts.
    if (res.getHeader('x-request-id') !== undefined) return next();
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && incoming.length <= 128 ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    const end = this.duration.startTimer();
    res.on('finish', () => {
      // The route template (not the raw path) keeps label cardinality bounded.
      const route = req.route?.path ? `${req.baseUrl}${req.route.path as string}` : 'unmatched';
      end({ method: req.method, route, status_code: String(res.statusCode) });
    });
    requestContext.run({ requestId }, () => next());
  }
}
