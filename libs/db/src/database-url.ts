/** The local default database URL, used when DATABASE_URL is not set (the setup script creates it). */
export const DEFAULT_DATABASE_URL = 'postgresql://propcast:propcast@127.0.0.1:5432/propcast';

/** Returns DATABASE_URL from the environment or the local default. */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env['DATABASE_URL'] || DEFAULT_DATABASE_URL;
}

/** Returns the same URL pointing at another database name on the same server. */
export function withDatabaseName(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
