import type { Command } from 'commander';
import { openTraining, parseStats, scoresJson, scoresTable } from '@propcast/training';

interface EvaluateOptions {
  stat: string;
  model: string;
  from: string;
  to: string;
  seasonTypes?: string;
  json?: boolean;
}

/** `propcast evaluate`: scores a model on any ingested date range beside the three baselines, without retraining. */
export function register(program: Command): void {
  program
    .command('evaluate')
    .description('score a model (or each stat’s production model) on a date range beside the season-average, last-10 and EMA baselines')
    .requiredOption('--stat <stat>', 'points, rebounds, assists, threes, pra, a comma-separated list, or all')
    .option('--model <id>', 'a model id, or production', 'production')
    .requiredOption('--from <date>', 'first game date (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last game date (YYYY-MM-DD)')
    .option('--season-types <list>', 'season types to include (default REGULAR,PLAYIN,PLAYOFFS)')
    .option('--json', 'print {"<stat>": {n, mae, baselines: {seasonAvg, last10, ema}, brier, ece, ...}}')
    .action(async (opts: EvaluateOptions) => {
      const training = openTraining({ withEvents: false });
      try {
        const scores = await training.services.evaluate.execute({
          model: opts.model,
          stats: opts.model === 'production' ? parseStats(opts.stat) : opts.stat.toLowerCase() === 'all' ? [] : parseStats(opts.stat),
          window: { from: opts.from, to: opts.to },
          seasonTypes: opts.seasonTypes?.split(',').map((s) => s.trim().toUpperCase()),
        });
        console.log(opts.json ? JSON.stringify(scoresJson(scores), null, 2) : scoresTable(scores));
      } finally {
        await training.close();
      }
    });
}
