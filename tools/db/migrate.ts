// Applies prisma/migrations to DATABASE_URL (what `prisma migrate deploy` does, without the schema engine).
import { join } from 'node:path';
import { applyMigrations, databaseUrlFromEnv } from '@propcast/db';

async function main(): Promise<void> {
  const url = databaseUrlFromEnv();
  const applied = await applyMigrations(url, join(__dirname, '../../prisma/migrations'), (line) => console.log(line));
  console.log(applied.length ? `migrations: ${applied.length} applied` : 'migrations: database is up to date');
}

main().catch((err: Error) => {
  console.error(`migrate: ${err.message}`);
  process.exit(1);
});
