import type { Command } from 'commander';
import { formatPicksTable, ListPicksUseCase, openReadModel, toCsv } from '@propcast/read-model';
import { dropUndefined } from '../cli-options';

/** `propcast picks`: the picks of a date (GET /picks) as a terminal table, JSON or CSV. */
export function register(program: Command): void {
  program
    .command('picks')
    .description('the props of a date ranked by EV at the best price across books (DATABASE_URL, ARTIFACT_STORE_URI; gates MIN_EDGE, MIN_CONFIDENCE, KELLY_*)')
    .requiredOption('--date <date>', 'game date (YYYY-MM-DD)')
    .option('--stat <stat>', 'POINTS, REBOUNDS, ASSISTS, THREES or PRA')
    .option('--min-edge <edge>', 'minimum edge at the best price')
    .option('--book <book>', 'only picks whose best price is at this book')
    .option('--call <call>', 'BET (OVER or UNDER, default), OVER, UNDER, PASS or ALL')
    .option('--limit <n>', 'at most this many picks')
    .option('--json', 'print the list as JSON (with the line history of the day)')
    .option('--csv', 'print the picks as CSV')
    .action(async (opts: { date: string; stat?: string; minEdge?: string; book?: string; call?: string; limit?: string; json?: boolean; csv?: boolean }) => {
      if (opts.json && opts.csv) throw new Error('give --json or --csv, not both');
      const { json, csv, ...query } = opts;
      const readModel = openReadModel();
      try {
        const list = await new ListPicksUseCase(readModel.repositories, readModel.distributions, readModel.options).execute({
          ...dropUndefined(query),
          include: json ? 'history' : '',
        });
        if (json) console.log(JSON.stringify(list, null, 2));
        else if (csv) process.stdout.write(toCsv(list.picks as unknown as Record<string, unknown>[]));
        else console.log(formatPicksTable(list));
      } finally {
        await readModel.close();
      }
    });
}
