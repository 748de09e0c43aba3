import { DynamicModule, Global, Module } from '@nestjs/common';
import { createPrismaClient } from './prisma-client.factory';
import { createPgPool } from './pg-pool.factory';
import { DbLifecycle, PG_POOL, PRISMA_CLIENT } from './prisma.service';

/** Nest module providing the Prisma client (PRISMA_CLIENT) and a pg pool for bulk paths (PG_POOL). */
@Global()
@Module({})
export class DbModule {
  static forRoot(options: { databaseUrl: string; poolSize?: number }): DynamicModule {
    return {
      module: DbModule,
      providers: [
        { provide: PRISMA_CLIENT, useFactory: () => createPrismaClient(options.databaseUrl) },
        { provide: PG_POOL, useFactory: () => createPgPool(options.databaseUrl, options.poolSize ?? 5) },
        DbLifecycle,
      ],
      exports: [PRISMA_CLIENT, PG_POOL],
    };
  }
}
