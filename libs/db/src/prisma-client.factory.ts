import { PrismaPg } from '@prisma/adapter-pg';
import { UTC_SESSION_OPTIONS } from './pg-pool.factory';
import { PrismaClient } from './generated/prisma/client';

/** Creates a Prisma client that talks to Postgres through the pg driver adapter (no engine binary). */
export function createPrismaClient(databaseUrl: string, opts: { maxConnections?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: opts.maxConnections ?? 10, options: UTC_SESSION_OPTIONS });
  return new PrismaClient({ adapter });
}
