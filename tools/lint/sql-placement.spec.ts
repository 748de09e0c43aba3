// The structural rule of issue 17 ("SQL lives in repositories"), run on the real tree and proven on offending code.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { findMisplacedSql, sqlAllowedIn, sqlIn } from './sql-placement';

const ROOT = resolve(__dirname, '../..');

const OFFENDING_USE_CASE = `import type { Pool } from 'pg';

export class CountPlayersUseCase {
  constructor(private readonly pool: Pool) {}

  async execute(): Promise<number> {
    const r = await this.pool.query<{ n: number }>(\`SELECT count(*)::int AS n
      FROM players\`);
    return r.rows[0].n;
  }
}
`;

describe('SQL lives in repositories', () => {
  it('finds no SQL outside repositories and the allowed places in libs/ and apps/', () => {
    expect(findMisplacedSql(ROOT)).toEqual([]);
  });

  it('fails on a use case that runs SQL itself, and not on the same code in a repository or a spec', () => {
    const root = mkdtempSync(join(tmpdir(), 'sql-placement-'));
    const write = (file: string, code: string) => {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), code);
    };
    try {
      write('libs/probe/src/count-players.usecase.ts', OFFENDING_USE_CASE);
      write('libs/probe/src/players.repository.ts', OFFENDING_USE_CASE);
      write('libs/probe/src/count-players.int-spec.ts', OFFENDING_USE_CASE);
      write('libs/probe/src/testing/seed.ts', OFFENDING_USE_CASE);
      write('apps/probe/src/players.controller.ts', `export const sql = 'DELETE FROM players WHERE id = $1';\n`);
      expect(findMisplacedSql(root)).toEqual([
        { file: 'libs/probe/src/count-players.usecase.ts', sql: ['SELECT count(*)::int AS n', '.query<'] },
        { file: 'apps/probe/src/players.controller.ts', sql: ['DELETE FROM players WHERE'] },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.each([
    ['a statement in a template', 'const q = `\n  WITH moved AS (UPDATE t SET a = 1 RETURNING b) SELECT b FROM moved`;'],
    ['an update', "const q = 'UPDATE ingest_batches SET committed_at = now() WHERE id = $1';"],
    ['an insert', 'const q = "INSERT INTO grades (id) VALUES ($1)";'],
    ['a lower-case select', "const q = 'select id from players';"],
    ['an advisory lock', "const q = 'SELECT pg_advisory_xact_lock($1)';"],
    ['a pg call with a query object', 'await client.query({ text, values });'],
    ['a Prisma raw query', 'await tx.$executeRaw`VACUUM`;'],
  ])('recognises %s', (_case, code) => {
    expect(sqlIn(code)).not.toEqual([]);
  });

  it.each([
    ['words in a comment', '// SELECT the latest model FROM the registry\nexport const x = 1;'],
    ['a doc comment', '/** Inserts rows: INSERT INTO is done by the writer. */\nexport const x = 1;'],
    ['a label that is not a statement', "const label = 'Select a player';"],
    ['transaction control', "await client.query('BEGIN');\nawait client.query('COMMIT');"],
    ['a request query property', 'const page = req.query.page;'],
  ])('ignores %s', (_case, code) => {
    expect(sqlIn(code)).toEqual([]);
  });

  it('keeps the allow-list to repositories, the import writers and infrastructure', () => {
    expect(sqlAllowedIn('libs/grading/src/grading/grading.repository.ts')).toBe(true);
    expect(sqlAllowedIn('libs/ingestion/src/writers/box-score.writer.ts')).toBe(true);
    expect(sqlAllowedIn('libs/db/src/transaction.ts')).toBe(true);
    expect(sqlAllowedIn('libs/grading/src/monitoring/refresh-grading-metrics.usecase.ts')).toBe(false);
    expect(sqlAllowedIn('libs/ingestion/src/usecases/merge-players.usecase.ts')).toBe(false);
    expect(sqlAllowedIn('apps/api/src/read-model.providers.ts')).toBe(false);
  });
});
