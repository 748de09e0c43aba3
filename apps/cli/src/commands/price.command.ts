import type { Command } from 'commander';
import { formatWhatIfPrice, openReadModel, PriceLineUseCase } from '@propcast/read-model';
import { dropUndefined } from '../cli-options';

/** `propcast price`: what-if pricing of any line and odds (GET /price). */
export function register(program: Command): void {
  program
    .command('price')
    .description("prices a line and odds against the serving model's stored distribution for a player-game (nothing written)")
    .requiredOption('--player <id>', 'player id')
    .requiredOption('--stat <stat>', 'POINTS, REBOUNDS, ASSISTS, THREES or PRA')
    .requiredOption('--line <line>', 'the line, e.g. 24.5')
    .requiredOption('--date <date>', 'game date (YYYY-MM-DD)')
    .option('--over <odds>', 'American odds of the over (default -110, flagged as assumed)')
    .option('--under <odds>', 'American odds of the under (default -110, flagged as assumed)')
    .option('--json', 'print the price as JSON')
    .action(async (opts: { player: string; stat: string; line: string; date: string; over?: string; under?: string; json?: boolean }) => {
      const { json, ...query } = opts;
      const readModel = openReadModel();
      try {
        const price = await new PriceLineUseCase(readModel.repositories, readModel.distributions, readModel.options).execute(dropUndefined(query));
        console.log(json ? JSON.stringify(price, null, 2) : formatWhatIfPrice(price));
      } finally {
        await readModel.close();
      }
    });
}
