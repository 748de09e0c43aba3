import type { Pool, PoolClient } from 'pg';

/** A pooled connection died while a unit of work held it (network cut, server restart, Cloud SQL failover). */
export class ConnectionLostError extends Error {
  readonly retryable = true;

  constructor(
    readonly during: string,
    cause: Error,
  ) {
    super(`the database connection was lost during ${during} (${cause.message}); nothing of it was committed unless it reached COMMIT, retry it`, { cause });
    this.name = 'ConnectionLostError';
  }
}

/** A client checked out of the pool whose connection errors are caught, not thrown at the process. */
export interface CheckedOutClient {
  readonly client: PoolClient;
  /** The error the connection died with while held, if it did. */
  readonly lost: Error | undefined;
  /** Returns the client to the pool, or destroys it when it broke (`err`) or its connection died. */
  release(err?: Error): void;
}

/**
 * Checks a client out of `pool` with an 'error' listener: pg emits 'error' on a checked-out client whose socket
 * dies, and with no listener that event kills the process. Here it only marks the client lost; the query in flight
 * rejects on its own, and the holder turns the loss into a failed operation.
 */
export async function checkOutClient(pool: Pool): Promise<CheckedOutClient> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (err: Error): void => {
    lost ??= err;
  };
  client.on('error', onError);
  let released = false;
  return {
    client,
    get lost() {
      return lost;
    },
    release(err?: Error) {
      if (released) return;
      released = true;
      client.removeListener('error', onError);
      client.release(lost ?? err);
    },
  };
}

/** Socket errors and Postgres codes that mean "the database is unreachable right now", not "the request is wrong". */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/**
 * Whether `err` is the database being unreachable (a lost connection, a refused one, a server shutting down or in
 * failover): the operation failed as a whole and may simply be retried, so HTTP answers 503, not 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (err instanceof ConnectionLostError) return true;
  const e = err as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  return typeof e?.message === 'string' && /^Connection terminated( unexpectedly|due to connection timeout)?/.test(e.message);
}
