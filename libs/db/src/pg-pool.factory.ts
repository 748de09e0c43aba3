import { Pool, types } from 'pg';

// DATE columns come back as 'YYYY-MM-DD' strings: a JS Date would shift them by the local time zone.
types.setTypeParser(types.builtins.DATE, (value) => value);

/**
 * Every session runs in UTC: timestamps are stored without time zone as UTC (what Prisma writes), so defaults such
 * as CURRENT_TIMESTAMP must be UTC too, whatever the server's TimeZone.
 */
export const UTC_SESSION_OPTIONS = '-c TimeZone=UTC';

/** Creates a raw pg pool for the bulk paths (COPY, multi-row upserts) Prisma has no API for. */
export function createPgPool(databaseUrl: string, max = 5): Pool {
  return new Pool({ connectionString: databaseUrl, max, options: UTC_SESSION_OPTIONS });
}
