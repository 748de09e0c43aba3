import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { applyMigrations, readMigrations } from '../migrations/migration-runner';
import { databaseUrlFromEnv, withDatabaseName } from '../database-url';
import { TEST_TEMPLATE_DATABASE, dropDatabaseWith } from './test-database';

const STALE_TEST_DATABASE_MS = 6 * 3600_000;

/**
 * Makes sure the template database holds exactly the current migrations (rebuilt when they change,
 * recognised by a checksum kept as the database's comment) and drops test databases left by crashed runs.
 */
export async function prepareTestTemplate(migrationsDir: string): Promise<void> {
  const baseUrl = databaseUrlFromEnv();
  const checksum = createHash('sha256')
    .update(
      readMigrations(migrationsDir)
        .map((m) => `${m.name}:${m.checksum}`)
        .join('\n'),
    )
    .digest('hex');
  const admin = new Client({ connectionString: withDatabaseName(baseUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(4242001)');
    const existing = await admin.query<{ comment: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [TEST_TEMPLATE_DATABASE]);
    if (existing.rows[0]?.comment !== checksum) {
      await dropDatabaseWith(admin, TEST_TEMPLATE_DATABASE);
      await admin.query(`CREATE DATABASE "${TEST_TEMPLATE_DATABASE}"`);
      await applyMigrations(withDatabaseName(baseUrl, TEST_TEMPLATE_DATABASE), migrationsDir);
      await admin.query(`COMMENT ON DATABASE "${TEST_TEMPLATE_DATABASE}" IS '${checksum}'`);
    }
    // Nothing needs to connect to the template once migrated; closing it keeps autovacuum workers out, whose
    // sessions would make concurrent clones fail ("source database is being accessed by other users").
    await admin.query(`ALTER DATABASE "${TEST_TEMPLATE_DATABASE}" WITH ALLOW_CONNECTIONS false`);
    const stale = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'propcast\\_test\\_%' AND datname <> $1`, [TEST_TEMPLATE_DATABASE]);
    for (const { datname } of stale.rows) {
      const createdMs = Number(datname.split('_')[2]);
      if (Number.isFinite(createdMs) && Date.now() - createdMs > STALE_TEST_DATABASE_MS) {
        await dropDatabaseWith(admin, datname);
      }
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(4242001)').catch(() => undefined);
    await admin.end();
  }
}
