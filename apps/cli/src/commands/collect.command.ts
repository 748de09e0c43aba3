import { InvalidArgumentError, type Command } from 'commander';
import { GameDate } from '@propcast/common';
import { openAvailabilityCollector, openCollectorBase, openGamesCollector, openOddsCollector, stderrJsonLog, type CollectorBase } from '@propcast/collectors';

interface CollectOptions {
  once?: boolean;
  json?: boolean;
  from?: string;
  to?: string;
}

interface RunSummary {
  errors: string[];
}

function isoDate(value: string): string {
  if (!GameDate.isValid(value)) throw new InvalidArgumentError('expected a date YYYY-MM-DD');
  return value;
}

/** Runs `run` once (--once) or every COLLECT_INTERVAL_SECONDS until SIGTERM/SIGINT; prints each run's report. */
async function repeat<R extends RunSummary>(name: string, opts: CollectOptions, open: (base: CollectorBase) => () => Promise<R>, describe: (r: R) => string): Promise<void> {
  const base = openCollectorBase();
  let stopping = false;
  const stop = () => (stopping = true);
  process.once('SIGTERM', stop).once('SIGINT', stop);
  let failed = false;
  try {
    const run = open(base);
    for (;;) {
      const report = await run();
      failed = report.errors.length > 0;
      if (opts.json) console.log(JSON.stringify({ collector: name, at: new Date().toISOString(), ...report }));
      else console.log(`collect ${name}: ${describe(report)}${report.errors.length ? `\n  ${report.errors.slice(0, 10).join('\n  ')}` : ''}`);
      if (opts.once || stopping) break;
      for (let waited = 0; waited < base.config.COLLECT_INTERVAL_SECONDS && !stopping; waited++) await base.clock.sleep(1000);
      if (stopping) break;
    }
  } finally {
    await base.close();
  }
  // A run that ended with errors fails the process (a CronJob run shows as failed); its state is kept for the next run.
  if (failed) process.exitCode = 1;
}

/** `propcast collect odds|games|availability`: the scheduled collectors (issue 16). */
export function register(program: Command): void {
  const collect = program.command('collect').description('fetch odds, schedules and box scores, and injury reports, and post them through the ingestion API (INGESTION_URL, INGESTION_API_KEY)');

  collect
    .command('odds')
    .description('poll The Odds API v4 (ODDS_API_KEY): events, player props and game lines, denser near tip-off, within the quota')
    .option('--once', 'one poll, then exit (a CronJob run); without it, poll every COLLECT_INTERVAL_SECONDS')
    .option('--json', "print each run's report as JSON")
    .action((opts: CollectOptions) =>
      repeat(
        'odds',
        opts,
        (base) => {
          const poll = openOddsCollector(base, stderrJsonLog('odds'));
          return () => poll.execute();
        },
        (r) =>
          `${r.events} events, ${r.due} due, ${r.polled.length} polled, ${r.snapshots} snapshots (${r.propRows} prop lines, ${r.gameLineRows} game lines) captured at ${r.capturedAt}; ${r.posted} posted, ${r.acceptedRows} rows accepted; quota left ${r.quotaRemaining ?? 'unknown'}${r.stoppedBy ? `; stopped: ${r.stoppedBy}` : ''}`,
      ),
    );

  collect
    .command('games')
    .description('schedules (scoreboardv2) and final box scores (boxscoretraditionalv2) from stats.nba.com; --from/--to backfills a range (leaguegamefinder)')
    .option('--once', 'one run, then exit (a CronJob run); without it, run every COLLECT_INTERVAL_SECONDS')
    .option('--from <date>', 'backfill from this US date (with --to; resumes a killed backfill of the same range)', isoDate)
    .option('--to <date>', 'backfill through this US date', isoDate)
    .option('--json', "print each run's report as JSON")
    .action((opts: CollectOptions) => {
      if ((opts.from === undefined) !== (opts.to === undefined)) throw new InvalidArgumentError('--from and --to go together');
      if (opts.from && opts.to && opts.from > opts.to) throw new InvalidArgumentError(`--from ${opts.from} is after --to ${opts.to}`);
      const backfill = opts.from !== undefined && opts.to !== undefined;
      return repeat(
        'games',
        backfill ? { ...opts, once: true } : opts,
        (base) => {
          const games = openGamesCollector(base, stderrJsonLog('games'));
          return () => (backfill ? games.backfill(opts.from as string, opts.to as string) : games.daily());
        },
        (r) =>
          `${r.mode}: ${r.dates.length} date(s)/window(s), ${r.games} games, ${r.schedulesPosted} schedule snapshot(s), ${r.boxScoresCollected} box score(s) collected; ${r.posted} posted, ${r.acceptedRows} rows accepted; complete through ${r.doneThrough ?? '-'}`,
      );
    });

  collect
    .command('availability')
    .description('the injury report in CSV form from AVAILABILITY_REPORT_URL, posted when it changed')
    .option('--once', 'one run, then exit (a CronJob run); without it, run every COLLECT_INTERVAL_SECONDS')
    .option('--json', "print each run's report as JSON")
    .action((opts: CollectOptions) =>
      repeat(
        'availability',
        opts,
        (base) => {
          const availability = openAvailabilityCollector(base, stderrJsonLog('availability'));
          return () => availability.execute();
        },
        (r) => `${r.url}: ${r.changed ? `new report, ${r.rows} rows reported at ${r.reportedAt}` : 'no new report'}; ${r.posted} posted, ${r.acceptedRows} rows accepted`,
      ),
    );
}
