import { userInfo } from 'node:os';
import { InvalidArgumentError, type Command } from 'commander';
import { findPlayersSharingNames, openIngestion, PlayerAliasRefusedError, PlayerMergeRefusedError, type MergeReport, type PlayerAliasRecord } from '@propcast/ingestion';

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

/** Who runs the CLI, for an alias's created_by (os.userInfo throws for a uid without a passwd entry, as in containers). */
function cliUser(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return `cli:${process.env['USER'] ?? 'unknown'}`;
  }
}

function describeAlias(a: PlayerAliasRecord): string {
  return `"${a.alias}" → ${a.playerName} (${a.playerId}) ${a.book ? `at ${a.book}` : 'at every book'}: ${a.reason} (${a.createdBy}, ${a.createdAt})`;
}

/** Runs an alias command, printing a refusal (exit code 2) instead of a stack. */
async function aliasAction(work: (aliases: ReturnType<typeof openIngestion>['playerAliases']) => Promise<void>): Promise<void> {
  const { playerAliases, close } = openIngestion();
  try {
    await work(playerAliases);
  } catch (err) {
    if (!(err instanceof PlayerAliasRefusedError)) throw err;
    console.error(`refused (${err.code}): ${err.message}`);
    process.exitCode = 2;
  } finally {
    await close();
  }
}

/** `propcast players alias add|list|remove`: the names feeds use for stored players that matching cannot find. */
function registerAliases(players: Command): void {
  const alias = players.command('alias').description('a feed\'s name for a stored player (e.g. "Nicolas Claxton" for 1629651), for every book or one');
  alias
    .command('add')
    .description('add an alias; refused when the name already means a player who played a game with this one')
    .argument('<name>', 'the name as the feed writes it')
    .requiredOption('--player <id>', 'the stored player it means', playerId)
    .requiredOption('--reason <text>', 'why (kept with the alias)')
    .option('--book <book>', 'only for this book (as in prop_lines.book, e.g. bovada)')
    .option('--by <who>', 'who adds it (default cli:<user name>)')
    .option('--json', 'print JSON')
    .action((name: string, opts: { player: number; reason: string; book?: string; by?: string; json?: boolean }) =>
      aliasAction(async (aliases) => {
        const added = await aliases.add({ name, playerId: opts.player, book: opts.book, reason: opts.reason, createdBy: opts.by ?? cliUser() });
        if (opts.json) return void console.log(JSON.stringify(added, null, 2));
        console.log(`added ${describeAlias(added.alias)}`);
        for (const s of added.shadows) console.log(`  note: the name also means ${s.playerName} (${s.playerId}), who never played with him: the alias wins`);
      }),
    );
  alias
    .command('list')
    .description('list aliases')
    .option('--player <id>', "only this player's", playerId)
    .option('--json', 'print JSON')
    .action((opts: { player?: number; json?: boolean }) =>
      aliasAction(async (aliases) => {
        const list = await aliases.list({ playerId: opts.player });
        if (opts.json) return void console.log(JSON.stringify(list, null, 2));
        console.log(list.length === 0 ? 'no aliases' : list.map(describeAlias).join('\n'));
      }),
    );
  alias
    .command('remove')
    .description('remove an alias (lines already stored keep their player)')
    .argument('<name>', 'the name as added')
    .option('--book <book>', 'the book it was added for (omit for an alias of every book)')
    .action((name: string, opts: { book?: string }) =>
      aliasAction(async (aliases) => {
        console.log(`removed ${describeAlias(await aliases.remove({ name, book: opts.book }))}`);
      }),
    );
}

/** `propcast players`: players under two ids, found and merged; aliases of feed names. */
export function register(program: Command): void {
  const players = program.command('players').description('players stored under more than one id: list them, merge them; aliases of the names feeds use');
  registerAliases(players);

  players
    .command('duplicates')
    .description('players sharing a name, with their games, dates and teams (namesakes, or one player under two ids)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { pool, repositories, close } = openIngestion();
      try {
        const groups = await findPlayersSharingNames(repositories.players, pool);
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
