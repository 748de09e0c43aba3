import { InvalidArgumentError, type Command } from 'commander';
import { openIngestion } from '@propcast/ingestion';
import { OutboxRepository } from '@propcast/messaging';

function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number ≥ 0');
  return n;
}

interface GcOptions {
  rejectRetentionDays: number;
  graceHours: number;
  outboxRetentionDays: number;
  dryRun?: boolean;
  json?: boolean;
}

/** `propcast gc`: removes what imports leave behind once it is no longer needed. */
export function register(program: Command): void {
  program
    .command('gc')
    .description("purge rejected imports' bytes past their retention, archives of imports killed before recording a batch, temp files of killed writes, and old published outbox rows")
    .option('--reject-retention-days <n>', 'keep raw inputs of REJECTED batches and reject files of PARTIAL ones this long', nonNegative, 30)
    .option('--grace-hours <n>', 'temp files and unrecorded archives younger than this may belong to a running import: kept', nonNegative, 6)
    .option('--outbox-retention-days <n>', 'keep published outbox rows this long (pending ones are never removed)', nonNegative, 7)
    .option('--dry-run', 'count what would be removed, remove nothing')
    .option('--json', 'print the report as JSON')
    .action(async (opts: GcOptions) => {
      const { collectGarbage, pool, close } = openIngestion();
      try {
        const imports = await collectGarbage.execute({ rejectRetentionDays: opts.rejectRetentionDays, graceMs: opts.graceHours * 3_600_000, dryRun: opts.dryRun });
        const outboxRows = opts.dryRun ? 0 : await new OutboxRepository().purgePublished(pool, Math.floor(opts.outboxRetentionDays));
        const report = { dryRun: opts.dryRun === true, ...imports, outboxRows };
        if (opts.json) return void console.log(JSON.stringify(report, null, 2));
        console.log(
          [
            `${opts.dryRun ? 'dry run, nothing removed: would purge' : 'purged'} the rejected bytes of ${imports.rejectedBatches} batch(es) older than ${opts.rejectRetentionDays} days (${imports.rejectedArtifacts} artifact(s))`,
            `${imports.orphanedArtifacts} archive(s) of imports that never recorded a batch, ${imports.temporaries} temp file(s) of killed writes`,
            `${outboxRows} published outbox row(s) older than ${opts.outboxRetentionDays} days`,
          ].join('\n'),
        );
      } finally {
        await close();
      }
    });
}
