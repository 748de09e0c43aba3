import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Pool } from 'pg';
import type { PrismaClient } from './generated/prisma/client';

export const PRISMA_CLIENT = Symbol('PRISMA_CLIENT');
export const PG_POOL = Symbol('PG_POOL');

/** Closes the Prisma client and pg pool when the Nest application shuts down. */
@Injectable()
export class DbLifecycle implements OnModuleDestroy {
  constructor(
    @Inject(PRISMA_CLIENT) private readonly prisma: PrismaClient,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([this.prisma.$disconnect(), this.pool.end()]);
  }
}
