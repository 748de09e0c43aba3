import type { Pool } from 'pg';
import { checkOutClient, ConnectionLostError } from '@propcast/db';

const LOCK_NAMESPACE = 5_005_005;

/**
 * Serialises the runs that write one feature set's rows (backfills and recomputes), in this process with a
 * promise queue and across processes with a Postgres advisory lock, so a slower run never overwrites newer rows.
 * The queue keeps at most one waiter per process on a database connection.
 */
export class FeatureSetLock {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pool: Pool,
    private readonly featureSetId: string,
  ) {}

  /**
   * Runs `work` while holding the feature set's lock. If the lock's connection dies meanwhile the lock is gone
   * (another process may have written), so the run fails with a ConnectionLostError for its caller to retry.
   */
  async runExclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(() => this.withAdvisoryLock(work));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async withAdvisoryLock<T>(work: () => Promise<T>): Promise<T> {
    const held = await checkOutClient(this.pool);
    // A connection that failed is destroyed, not pooled: that also ends its session and so its lock.
    let broken: Error | undefined;
    try {
      await held.client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_NAMESPACE, this.featureSetId]);
      let value: T;
      try {
        value = await work();
      } finally {
        await held.client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_NAMESPACE, this.featureSetId]).catch((err: Error) => (broken = err));
      }
      if (held.lost) throw new ConnectionLostError(`feature set ${this.featureSetId}'s lock`, held.lost);
      return value;
    } catch (err) {
      broken ??= err as Error;
      if (held.lost && !(err instanceof ConnectionLostError)) throw new ConnectionLostError(`feature set ${this.featureSetId}'s lock`, held.lost);
      throw err;
    } finally {
      held.release(broken);
    }
  }
}
