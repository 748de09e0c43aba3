export * from './generated/prisma/client';
export { createPrismaClient } from './prisma-client.factory';
export { createPgPool } from './pg-pool.factory';
export { copyRows, copyTextValue, type CopyValue } from './bulk/copy-rows';
export { withPgTransaction, withPgTransactionDecided } from './transaction';
export { applyMigrations, readMigrations, MigrationChecksumError, type MigrationFile } from './migrations/migration-runner';
export { DEFAULT_DATABASE_URL, databaseUrlFromEnv, withDatabaseName } from './database-url';
export { DbModule } from './db.module';
export { PRISMA_CLIENT, PG_POOL } from './prisma.service';
