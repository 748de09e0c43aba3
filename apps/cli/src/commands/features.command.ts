import type { Command } from 'commander';
import { openFeaturePipeline } from '@propcast/feature-pipeline';

/** `propcast features`: recompute dates (publishing phase.completed) and look up stored vectors. */
export function register(program: Command): void {
  const features = program.command('features').description('feature store operations on DATABASE_URL');

  features
    .command('recompute')
    .description('recompute feature rows from a date (through the latest date unless --to) and publish phase.completed per date and processor')
    .requiredOption('--from <date>', 'first game date to rewrite (YYYY-MM-DD)')
    .option('--to <date>', 'last game date to rewrite (YYYY-MM-DD)')
    .action(async (opts: { from: string; to?: string }) => {
      const { pipeline, close } = openFeaturePipeline({ withEvents: true });
      try {
        const r = await pipeline.recompute.recompute(opts.from, opts.to);
        console.log(`rewrote ${r.dates} dates, ${r.rows} rows from ${r.from} to ${r.to} in ${(r.elapsedMs / 1000).toFixed(1)} s`);
      } finally {
        await close();
      }
    });

  features
    .command('show')
    .description('print the stored feature vectors of players on a date as JSON (cache first)')
    .requiredOption('--date <date>', 'game date (YYYY-MM-DD)')
    .requiredOption('--players <ids>', 'comma-separated player ids')
    .action(async (opts: { date: string; players: string }) => {
      const { pipeline, close } = openFeaturePipeline({ withEvents: false, progress: { quiet: true } });
      try {
        const v = await pipeline.reader.getVectors(opts.date, opts.players.split(',').map(Number));
        const rows = v.rows.map((r) => ({
          playerId: r.playerId,
          gameId: r.gameId,
          features: Object.fromEntries(v.featureSet.featureNames.map((name, i) => [name, Number.isNaN(r.values[i]) ? null : r.values[i]])),
        }));
        console.log(JSON.stringify({ featureSet: v.featureSet.id, gameDate: v.gameDate, rows, missingPlayerIds: v.missingPlayerIds }, null, 2));
      } finally {
        await close();
      }
    });
}
