import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { PredictionCoordinatorConfig } from '../config';
import { COORDINATOR_CONFIG } from '../coordinator.tokens';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Requires header x-api-key to equal COORDINATOR_API_KEY (compared in constant time); no key configured = open. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(@Inject(COORDINATOR_CONFIG) config: PredictionCoordinatorConfig) {
    this.expected = config.COORDINATOR_API_KEY ? digest(config.COORDINATOR_API_KEY) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const given = context.switchToHttp().getRequest<Request>().header('x-api-key');
    if (given && timingSafeEqual(digest(given), this.expected)) return true;
    throw new UnauthorizedException(given ? 'x-api-key is not valid' : 'x-api-key header required');
  }
}
