import type { Pool, PoolClient } from 'pg';

/** A pool or a client inside a transaction: whatever can run a query. */
export type Queryable = Pool | PoolClient;

/**
 * The current instant as the `timestamp(3)` (UTC, no zone) Prisma writes: `now()` alone would follow the
 * session's TimeZone setting.
 */
export const NOW_UTC = `(now() AT TIME ZONE 'UTC')`;

/** Renders a `timestamp` (UTC) column as an ISO-8601 string in SQL, so no client-side zone guessing happens. */
export function isoColumn(column: string): string {
  return `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
