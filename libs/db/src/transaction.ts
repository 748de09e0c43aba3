import type { Pool, PoolClient } from 'pg';
import { checkOutClient, ConnectionLostError } from './checked-out-client';

/** Runs `work` inside one Postgres transaction on a pooled client: commit on success, rollback on any error. */
export async function withPgTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return withPgTransactionDecided(pool, async (client) => ({ commit: true, value: await work(client) }));
}

/**
 * Like withPgTransaction, but `work` decides whether its transaction commits (a rejected batch, a dry run roll
 * back and still return a value); any error rolls back. A connection that dies meanwhile fails the call with a
 * ConnectionLostError (retryable) and is destroyed, never returned to the pool; the process goes on serving.
 */
export async function withPgTransactionDecided<T>(pool: Pool, work: (client: PoolClient) => Promise<{ commit: boolean; value: T }>): Promise<T> {
  const held = await checkOutClient(pool);
  const { client } = held;
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const { commit, value } = await work(client);
    await client.query(commit ? 'COMMIT' : 'ROLLBACK');
    return value;
  } catch (err) {
    if (!held.lost) await client.query('ROLLBACK').catch((rollbackErr: Error) => (broken = rollbackErr));
    if (held.lost) throw new ConnectionLostError('a transaction', held.lost);
    throw err;
  } finally {
    held.release(broken);
  }
}
