import { createHash, randomBytes } from 'node:crypto';
import { Client, type Pool } from 'pg';
import { createPgPool } from '../pg-pool.factory';
import { createPrismaClient } from '../prisma-client.factory';
import { databaseUrlFromEnv, withDatabaseName } from '../database-url';
import { applyMigrations } from '../migrations/migration-runner';
import type { PrismaClient } from '../generated/prisma/client';

/**
 * Name of the migrated template every test database is cloned from (made by the Jest global setup). One per
 * checkout (a hash of this folder's path), so two work trees with different migrations never rebuild each other's.
 */
export const TEST_TEMPLATE_DATABASE = `propcast_test_template_${createHash('sha256').update(__dirname).digest('hex').slice(0, 10)}`;

export interface TestDatabase {
  name: string;
  url: string;
  prisma: PrismaClient;
  pool: Pool;
  /** Disconnects and drops the database. */
  drop(): Promise<void>;
}

/**
 * Creates a fresh, fully migrated database for one test file by cloning the template
 * (milliseconds, not a migration run), so test files never see each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const baseUrl = databaseUrlFromEnv();
  const name = `propcast_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: withDatabaseName(baseUrl, 'postgres') });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${TEST_TEMPLATE_DATABASE}"`);
        break;
      } catch (err) {
        // Two clones at the same instant can collide on the template ("being accessed by other users").
        if (attempt >= 20 || !/being accessed/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = withDatabaseName(baseUrl, name);
  const prisma = createPrismaClient(url, { maxConnections: 4 });
  const pool = createPgPool(url, 4);
  return {
    name,
    url,
    prisma,
    pool,
    async drop() {
      await Promise.allSettled([prisma.$disconnect(), pool.end()]);
      await dropDatabase(baseUrl, name);
    },
  };
}

/**
 * Drops database `name` if it exists and creates it again with every migration of `migrationsDir` applied (benchmarks
 * and scripts that keep a named database, unlike the cloned per-test ones); returns its URL.
 */
export async function recreateMigratedDatabase(name: string, migrationsDir: string): Promise<string> {
  const baseUrl = databaseUrlFromEnv();
  await dropDatabase(baseUrl, name);
  const admin = new Client({ connectionString: withDatabaseName(baseUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabaseName(baseUrl, name);
  await applyMigrations(url, migrationsDir);
  return url;
}

/** Drops a database, closing any connection still open on it. */
export async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabaseName(baseUrl, 'postgres') });
  await admin.connect();
  try {
    await waitForOwnSessionsToClose(admin, name);
    await dropDatabaseWith(admin, name);
  } finally {
    await admin.end();
  }
}

/**
 * Waits (up to `timeoutMs`) until our own sessions on the database are gone. A pool's end() resolves before its
 * clients' backends have exited; FORCE would then kill a client that is still closing, and that client reports the
 * kill as an unhandled 'error' event ("terminating connection due to administrator command").
 */
async function waitForOwnSessionsToClose(admin: Client, name: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND usename = current_user AND pid <> pg_backend_pid()`, [name]);
    if (r.rows[0].n === 0 || Date.now() >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * `DROP DATABASE ... WITH (FORCE)` that also works for a role without superuser or pg_signal_backend.
 * FORCE refuses ("must be a member of the role whose process is being terminated") when an autovacuum
 * worker happens to be in the database, because that worker belongs to no role. Then we end our own
 * sessions ourselves and use a plain DROP, which signals autovacuum itself, retrying while busy.
 */
export async function dropDatabaseWith(admin: Client, name: string): Promise<void> {
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    return;
  } catch (err) {
    if ((err as { code?: string }).code !== '42501') throw err;
  }
  for (let attempt = 0; ; attempt++) {
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid() AND usename = current_user`,
      [name],
    );
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      return;
    } catch (err) {
      if (attempt >= 30 || !/being accessed by other users/.test((err as Error).message)) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
