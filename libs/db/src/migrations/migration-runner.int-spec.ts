import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../testing';
import { applyMigrations, MigrationChecksumError } from './migration-runner';

describe('applyMigrations', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query('DROP TABLE IF EXISTS "_prisma_migrations"');
    dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    mkdirSync(join(dir, '20990101000000_probe'));
    writeFileSync(join(dir, '20990101000000_probe', 'migration.sql'), 'CREATE TABLE probe_a (id int);');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('applies pending migrations once and records them like Prisma does', async () => {
    expect(await applyMigrations(db.url, dir)).toEqual(['20990101000000_probe']);
    expect(await applyMigrations(db.url, dir)).toEqual([]);
    const rows = await db.pool.query('SELECT migration_name, applied_steps_count, finished_at IS NOT NULL AS done, length(checksum) AS len FROM "_prisma_migrations"');
    expect(rows.rows).toEqual([{ migration_name: '20990101000000_probe', applied_steps_count: 1, done: true, len: 64 }]);
  });

  it('rolls back a failing migration completely and reports which one failed', async () => {
    mkdirSync(join(dir, '20990102000000_broken'));
    writeFileSync(join(dir, '20990102000000_broken', 'migration.sql'), 'CREATE TABLE probe_b (id int);\nSELECT no_such_function();');
    await expect(applyMigrations(db.url, dir)).rejects.toThrow(/migration 20990102000000_broken failed/);
    const exists = await db.pool.query(`SELECT to_regclass('probe_b') AS t`);
    expect(exists.rows[0].t).toBeNull();
    const recorded = await db.pool.query(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE migration_name = '20990102000000_broken'`);
    expect(recorded.rows[0].n).toBe(0);
  });

  it('refuses an applied migration that was edited afterwards', async () => {
    writeFileSync(join(dir, '20990102000000_broken', 'migration.sql'), 'CREATE TABLE probe_b (id int);');
    await applyMigrations(db.url, dir);
    writeFileSync(join(dir, '20990101000000_probe', 'migration.sql'), 'CREATE TABLE probe_a (id bigint);');
    await expect(applyMigrations(db.url, dir)).rejects.toBeInstanceOf(MigrationChecksumError);
  });
});
