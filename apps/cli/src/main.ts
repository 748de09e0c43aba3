import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';

/** A CLI command module: every `commands/*.command.ts` exports `register(program)`. */
export interface CommandModule {
  register(program: Command): void;
}

function buildProgram(): Command {
  const program = new Command('propcast').description('Propcast: NBA box scores in, calibrated player-prop predictions out, graded every day.').showHelpAfterError();
  const dir = join(__dirname, 'commands');
  for (const file of readdirSync(dir)
    .filter((f) => /\.command\.(ts|js)$/.test(f))
    .sort()) {
    (require(join(dir, file)) as CommandModule).register(program);
  }
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((err: Error) => {
    process.stderr.write(`propcast: ${err.message}\n`);
    process.exit(1);
  });
