import { InvalidArgumentError, type Command } from 'commander';
import { findPlayersSharingNames, openIngestion, PlayerMergeRefusedError, type MergeReport } from '@propcast/ingestion';

function playerId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new InvalidArgumentError('expected a player id (a positive integer)');
  return id;
}

function describeMerge(r: MergeReport): string {
  const m = r.rows;
  return [
    `${r.dryRun ? 'dry run, nothing changed: would merge' : `merge ${r.mergeId}: merged`} player ${r.from.id} "${r.from.name}" into ${r.into.id} "${r.into.name}"`,
    `  box scores ${m.boxScores}, stat corrections ${m.statCorrections}, prop lines ${m.propLines} (+${m.propLinesDropped} duplicates dropped), ` +
      `predictions ${m.predictions} (+${m.predictionsDropped} duplicates dropped), feature rows deleted ${m.featureRowsDeleted}`,
    r.gameDates.length > 0
      ? `  ${r.gameDates.length} game date(s) ${r.gameDates[0]}..${r.gameDates[r.gameDates.length - 1]}${
          r.dryRun
            ? ''
            : `: ${r.events.published} ingestion.completed published (a running feature store recomputes, the trainer regrades; ` +
              `without them: propcast features recompute --from ${r.gameDates[0]})`
        }`
      : '  no box scores moved',
  ].join('\n');
}

/** `propcast players`: players under two ids, found and merged. */
export function register(program: Command): void {
  const players = program.command('players').description('players stored under more than one id: list them, merge them');

  players
    .command('duplicates')
    .description('players sharing a name, with their games, dates and teams (namesakes, or one player under two ids)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { pool, close } = openIngestion();
      try {
        const groups = await findPlayersSharingNames(pool);
        if (opts.json) return void console.log(JSON.stringify(groups, null, 2));
        if (groups.length === 0) return void console.log('no two stored players share a name');
        for (const g of groups) {
          console.log(g.name);
          for (const p of g.players) console.log(`  ${p.id}: ${p.games} games, ${p.firstGame ?? '-'}..${p.lastGame ?? '-'}, ${p.teams.join(' ') || 'no team'}`);
        }
      } finally {
        await close();
      }
    });

  players
    .command('merge')
    .description('fold player --from into player --into (one person under two ids): box scores, lines and predictions move, features recompute; refused if both played the same game')
    .requiredOption('--from <id>', 'the id to remove', playerId)
    .requiredOption('--into <id>', 'the id to keep', playerId)
    .option('--reason <text>', 'why, kept in player_merges')
    .option('--force', 'merge although the names differ')
    .option('--dry-run', 'count what would move, change nothing')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { from: number; into: number; reason?: string; force?: boolean; dryRun?: boolean; json?: boolean }) => {
      const { mergePlayers, close } = openIngestion();
      try {
        const report = await mergePlayers.execute({ fromId: opts.from, intoId: opts.into, reason: opts.reason, force: opts.force, dryRun: opts.dryRun });
        console.log(opts.json ? JSON.stringify(report, null, 2) : describeMerge(report));
      } catch (err) {
        if (!(err instanceof PlayerMergeRefusedError)) throw err;
        console.error(`refused (${err.code}): ${err.message}`);
        process.exitCode = 2;
      } finally {
        await close();
      }
    });
}
