import type { Command } from 'commander';
import { formatBets, ListBetsUseCase, openReadModel, RecordBetUseCase, toCsv } from '@propcast/read-model';
import { dropUndefined } from '../cli-options';

/** `propcast bets`: the bet log (GET /bets) and `propcast bets add` (POST /bets). */
export function register(program: Command): void {
  const bets = program.command('bets').description('the bet log: bets actually taken, graded with the games (DATABASE_URL)');

  bets
    .command('list', { isDefault: true })
    .description('bets with open exposure and realised ROI per day, CLV and the model expectation')
    .option('--date <date>', 'one game date (YYYY-MM-DD)')
    .option('--from <date>', 'first game date')
    .option('--to <date>', 'last game date')
    .option('--json', 'print the report as JSON')
    .option('--csv', 'print the bets as CSV')
    .action(async (opts: { date?: string; from?: string; to?: string; json?: boolean; csv?: boolean }) => {
      const { json, csv, ...query } = opts;
      const readModel = openReadModel();
      try {
        const report = await new ListBetsUseCase(readModel.repositories).execute(dropUndefined(query));
        if (json) console.log(JSON.stringify(report, null, 2));
        else if (csv) process.stdout.write(toCsv(report.bets as unknown as Record<string, unknown>[]));
        else console.log(formatBets(report));
      } finally {
        await readModel.close();
      }
    });

  bets
    .command('add')
    .description('records a bet actually taken')
    .requiredOption('--player <id>', 'player id')
    .requiredOption('--stat <stat>', 'POINTS, REBOUNDS, ASSISTS, THREES or PRA')
    .requiredOption('--side <side>', 'OVER or UNDER')
    .requiredOption('--line <line>', 'line taken')
    .requiredOption('--price <odds>', 'American odds paid')
    .requiredOption('--stake <stake>', 'amount staked')
    .requiredOption('--book <book>', 'book the bet was placed at')
    .option('--game <id>', '10-digit NBA game id')
    .option('--date <date>', "game date (the player's game that day)")
    .option('--taken-at <time>', 'when it was taken (ISO-8601; default now)')
    .option('--note <text>', 'a note')
    .action(async (opts: Record<string, string | undefined>) => {
      const readModel = openReadModel();
      try {
        const bet = await new RecordBetUseCase(readModel.repositories, readModel.distributions).execute(
          dropUndefined({
            playerId: Number(opts['player']),
            stat: opts['stat'],
            side: opts['side'],
            line: Number(opts['line']),
            price: Number(opts['price']),
            stake: Number(opts['stake']),
            book: opts['book'],
            gameId: opts['game'],
            date: opts['date'],
            takenAt: opts['takenAt'],
            note: opts['note'],
          }),
        );
        console.log(`bet ${bet.id} recorded: ${bet.side} ${bet.line} ${bet.stat} at ${bet.price} (${bet.book}, ${bet.lineSource}), stake ${bet.stake}, ${bet.status}`);
      } finally {
        await readModel.close();
      }
    });
}
