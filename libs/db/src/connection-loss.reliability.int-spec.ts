import type { Pool } from 'pg';
import { TcpProxy } from '@propcast/common';
import { createPgPool } from './pg-pool.factory';
import { ConnectionLostError } from './checked-out-client';
import { withPgTransaction } from './transaction';
import { createTestDatabase, type TestDatabase } from './testing';

/**
 * Finding 4 of issue 13: a Postgres connection that dies while a write holds it (network cut, Cloud SQL failover)
 * emitted an unhandled 'error' on the checked-out client and killed the process.
 */
describe('a Postgres connection dropped during a write (reliability)', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let pool: Pool;
  const poolErrors: Error[] = [];
  const uncaught: Error[] = [];
  const onUncaught = (err: Error): void => {
    uncaught.push(err);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query('CREATE TABLE fault_probe (id int PRIMARY KEY)');
    const target = new URL(db.url);
    proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).up();
    const proxied = new URL(db.url);
    proxied.host = `127.0.0.1:${proxy.port}`;
    pool = createPgPool(proxied.toString(), 3, (err) => poolErrors.push(err));
    process.on('uncaughtException', onUncaught);
  });

  afterAll(async () => {
    process.removeListener('uncaughtException', onUncaught);
    await pool?.end();
    await proxy?.down();
    await db?.drop();
  });

  const ids = async (): Promise<number[]> => (await db.pool.query<{ id: number }>('SELECT id FROM fault_probe ORDER BY id')).rows.map((r) => r.id);

  it('fails the transaction with a retryable ConnectionLostError, commits nothing, and the retry commits once the network is back', async () => {
    let inserted!: () => void;
    const midway = new Promise<void>((resolve) => (inserted = resolve));
    const write = withPgTransaction(pool, async (client) => {
      await client.query('INSERT INTO fault_probe VALUES (1)');
      inserted();
      await client.query('SELECT pg_sleep(3)');
    });
    const outcome = write.then(
      () => 'committed',
      (err: unknown) => err,
    );
    await midway;
    await proxy.down();
    const err = await outcome;
    expect(uncaught).toEqual([]);
    expect(err).toBeInstanceOf(ConnectionLostError);
    expect(err).toMatchObject({ retryable: true, message: expect.stringContaining('database connection was lost during a transaction') });
    expect(await ids()).toEqual([]);

    // Still down: the next attempt fails cleanly too (connect refused), the process stays up.
    await expect(withPgTransaction(pool, (client) => client.query('INSERT INTO fault_probe VALUES (1)'))).rejects.toThrow(/ECONNREFUSED|connect/);

    await proxy.up();
    await withPgTransaction(pool, (client) => client.query('INSERT INTO fault_probe VALUES (1)'));
    expect(await ids()).toEqual([1]);
    expect(uncaught).toEqual([]);
  });

  it('reports an idle pooled connection that dies and serves the next query on a new one', async () => {
    await Promise.all([pool.query('SELECT 1'), pool.query('SELECT 1')]);
    expect(pool.idleCount).toBeGreaterThan(0);
    const before = poolErrors.length;
    await proxy.down();
    await waitUntil(() => poolErrors.length > before);
    await proxy.up();
    const result = await pool.query<{ n: number }>('SELECT 2 AS n');
    expect(result.rows[0].n).toBe(2);
    expect(uncaught).toEqual([]);
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
