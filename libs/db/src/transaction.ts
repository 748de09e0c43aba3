import type { Pool, PoolClient } from 'pg';

/** Runs `work` inside one Postgres transaction on a pooled client: commit on success, rollback on any error. */
export async function withPgTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return withPgTransactionDecided(pool, async (client) => ({ commit: true, value: await work(client) }));
}

/**
 * Like withPgTransaction, but `work` decides whether its transaction commits (a rejected batch, a dry run roll
 * back and still return a value); any error rolls back.
 */
export async function withPgTransactionDecided<T>(pool: Pool, work: (client: PoolClient) => Promise<{ commit: boolean; value: T }>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { commit, value } = await work(client);
    await client.query(commit ? 'COMMIT' : 'ROLLBACK');
    return value;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
