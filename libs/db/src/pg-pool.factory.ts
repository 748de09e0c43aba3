import { Pool, types } from 'pg';

// DATE columns come back as 'YYYY-MM-DD' strings: a JS Date would shift them by the local time zone.
types.setTypeParser(types.builtins.DATE, (value) => value);

/** Creates a raw pg pool for the bulk paths (COPY, multi-row upserts) Prisma has no API for. */
export function createPgPool(databaseUrl: string, max = 5): Pool {
  return new Pool({ connectionString: databaseUrl, max });
}
