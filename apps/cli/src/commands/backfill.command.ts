import type { Command } from 'commander';
import { openFeaturePipeline, type StartedBackfill } from '@propcast/feature-pipeline';

interface BackfillOptions {
  from?: string;
  to?: string;
  emitEvents?: boolean;
  fresh?: boolean;
  resume?: string;
  featureSet?: string;
}

/** `propcast backfill`: computes feature rows for all history (or a range), resumable after a crash. */
export function register(program: Command): void {
  program
    .command('backfill')
    .description('backfill feature rows by date with a progress bar; re-running continues an unfinished backfill where it stopped')
    .option('--from <date>', 'first game date (YYYY-MM-DD); default: the first date with box scores')
    .option('--to <date>', 'last game date (YYYY-MM-DD); default: the last date with box scores')
    .option('--emit-events', 'publish phase.completed for every date and processor (off by default: it floods the bus)')
    .option('--fresh', 'start a new backfill even when an unfinished one exists')
    .option('--resume <id>', 'resume this backfill by id')
    .option('--feature-set <id>', 'feature set computed (id or version, e.g. v2); default FEATURE_SET (player-props@v1)')
    .action(async (opts: BackfillOptions) => {
      const { pipeline, close } = openFeaturePipeline({ withEvents: opts.emitEvents === true, featureSet: opts.featureSet });
      try {
        const started: StartedBackfill = opts.resume
          ? await pipeline.backfill.resume(opts.resume, { emitEvents: opts.emitEvents })
          : await pipeline.backfill.start({ from: opts.from, to: opts.to, emitEvents: opts.emitEvents, fresh: opts.fresh });
        const b = started.backfill;
        const where = started.resumed && b.lastDoneDate ? `resuming after ${b.lastDoneDate}` : 'starting';
        console.log(`backfill ${b.id} of ${b.featureSetId}, ${b.fromDate}..${b.toDate} (${b.datesTotal} dates): ${where}`);
        try {
          const done = await started.done;
          console.log(`backfill ${done.id} completed: ${done.datesDone} dates, ${done.rowsWritten} rows`);
        } catch (err) {
          throw new Error(`${(err as Error).message} (run \`propcast backfill\` again to resume backfill ${b.id})`);
        }
      } finally {
        await close();
      }
    });
}
