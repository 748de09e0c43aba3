import { join } from 'node:path';
import type { Command } from 'commander';
import { applyMigrations, databaseUrlFromEnv } from '@propcast/db';

/** `propcast migrate`: applies pending Prisma migrations to DATABASE_URL. */
export function register(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (prisma/migrations) to DATABASE_URL')
    .action(async () => {
      const applied = await applyMigrations(databaseUrlFromEnv(), join(__dirname, '../../../../prisma/migrations'), (l) => console.log(l));
      console.log(applied.length ? `${applied.length} migration(s) applied` : 'database is up to date');
    });
}
