import { TcpProxy } from '@propcast/common';
import { ConnectionLostError, createPgPool } from '@propcast/db';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import type { Pool } from 'pg';
import { FeatureSetLock } from './feature-set-lock.repository';

/**
 * Finding 4 of issue 13: the feature set lock holds a pooled connection idle while a run writes on others; when that
 * connection died, pg's unhandled 'error' killed the feature store.
 */
describe('the feature set lock losing its connection (reliability)', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
    const target = new URL(db.url);
    proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).up();
    const proxied = new URL(db.url);
    proxied.host = `127.0.0.1:${proxy.port}`;
    pool = createPgPool(proxied.toString(), 2, () => undefined);
  });

  afterAll(async () => {
    await pool?.end();
    await proxy?.down();
    await db?.drop();
  });

  it('fails the run with a retryable ConnectionLostError (the lock is gone), and the next run takes the lock again', async () => {
    const lock = new FeatureSetLock(pool, 'fs-test');
    const run = lock.runExclusive(async () => {
      await proxy.down();
      await new Promise((r) => setTimeout(r, 100));
      return 'written';
    });
    await expect(run).rejects.toBeInstanceOf(ConnectionLostError);

    await proxy.up();
    await expect(lock.runExclusive(async () => 'again')).resolves.toBe('again');
    // The lost session released its lock: another session takes it at once.
    const other = await db.pool.connect();
    try {
      const taken = await other.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(5005005, hashtext('fs-test')) AS ok`);
      expect(taken.rows[0].ok).toBe(true);
    } finally {
      await other.query(`SELECT pg_advisory_unlock_all()`);
      other.release();
    }
  });
});
