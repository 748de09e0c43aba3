import { Pool, types } from 'pg';

// DATE columns come back as 'YYYY-MM-DD' strings: a JS Date would shift them by the local time zone.
types.setTypeParser(types.builtins.DATE, (value) => value);

/**
 * Every session runs in UTC: timestamps are stored without time zone as UTC (what Prisma writes), so defaults such
 * as CURRENT_TIMESTAMP must be UTC too, whatever the server's TimeZone.
 */
export const UTC_SESSION_OPTIONS = '-c TimeZone=UTC';

/** Where the pool reports an idle connection that died (default: one line on stderr). */
export type PoolErrorHandler = (err: Error) => void;

const reportToStderr: PoolErrorHandler = (err) =>
  process.stderr.write(`${JSON.stringify({ level: 40, time: Date.now(), name: 'db', msg: 'idle Postgres connection lost; the pool replaces it', err: err.message })}\n`);

/**
 * Creates a raw pg pool for the bulk paths (COPY, multi-row upserts) Prisma has no API for. An idle connection that
 * dies (server restart, failover) is reported and dropped: without an 'error' listener the pool would kill the process.
 */
export function createPgPool(databaseUrl: string, max = 5, onError: PoolErrorHandler = reportToStderr): Pool {
  const pool = new Pool({ connectionString: databaseUrl, max, options: UTC_SESSION_OPTIONS });
  pool.on('error', onError);
  return pool;
}
