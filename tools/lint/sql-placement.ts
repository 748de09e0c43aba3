// Where SQL may live (issue 17, "one data-access style"): in repositories, nowhere else. `findMisplacedSql` scans
// every non-test .ts file under libs/ and apps/ for SQL statements in string literals and for `.query(` /
// Prisma raw-query calls, and returns those outside the allowed places.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Files that may hold SQL besides `*.repository.ts`. Short on purpose; each entry says why.
 */
export const SQL_ALLOWED: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /\.repository\.ts$/, why: 'repositories: the one place for SQL' },
  { pattern: /^libs\/ingestion\/src\/writers\//, why: "the import's write side: a writer is a repository (COPY, bulk load, upserts), see docs/architecture.md" },
  { pattern: /^libs\/db\/src\//, why: 'database infrastructure: pool, transactions, COPY, the migration runner, the schema-agreement check' },
  { pattern: /^libs\/observability\/src\/health-checks\.ts$/, why: 'readiness probe: `SELECT 1` on a fresh connection' },
  { pattern: /^libs\/read-model\/src\/shared\/current-predictions\.sql\.ts$/, why: 'a SQL fragment imported only by the read-model repositories' },
];

/** Test code (specs, int-specs, testing/ helpers) may run SQL to seed and check; generated code is not ours. */
const SKIPPED = [/\.(spec|int-spec|e2e-spec)\.ts$/, /\.d\.ts$/, /\/testing\//, /\/generated\//, /(^|\/)node_modules\//];

/** A statement at the start of a string (case-insensitive; SELECT needs a FROM or a call to be a statement, not a word). */
const STATEMENT = /^\s*(SELECT\s[\s\S]*?(\bFROM\b|\w\s*\()|INSERT\s+INTO\s|UPDATE\s+[\w."]+\s+(AS\s+\w+\s+)?SET\s|DELETE\s+FROM\s|WITH\s+(RECURSIVE\s+)?\w+\s+AS\s*\(|COPY\s+[\w."]+)/i;
/** Running SQL: pg's `.query(`, Prisma's raw queries. Transaction control alone (BEGIN/COMMIT/ROLLBACK) is not a statement about data. */
const CALL = /\.query\s*[<(]|\$(queryRaw|executeRaw)(Unsafe)?\b/;
const TRANSACTION_CONTROL = /\.query\s*\(\s*'(BEGIN|COMMIT|ROLLBACK)'\s*\)/g;

/** The string literals of TypeScript source (template literals whole, `${}` included), and the code without them or comments. */
export function splitSource(source: string): { strings: string[]; code: string } {
  const strings: string[] = [];
  let code = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      let depth = 0;
      while (j < source.length) {
        const d = source[j];
        if (d === '\\') j += 2;
        else if (c === '`' && d === '$' && source[j + 1] === '{') {
          depth++;
          j += 2;
        } else if (depth > 0 && d === '}') {
          depth--;
          j++;
        } else if (d === c && depth === 0) break;
        else if (d === '\n' && c !== '`') break;
        else j++;
      }
      strings.push(source.slice(i + 1, j));
      code += `${c}${c}`;
      i = j + 1;
    } else {
      code += c;
      i++;
    }
  }
  return { strings, code };
}

/** What in this source is SQL: statements found in its strings and query calls in its code. */
export function sqlIn(source: string): string[] {
  const { strings, code } = splitSource(source.replace(TRANSACTION_CONTROL, ''));
  const found = strings.filter((s) => STATEMENT.test(s)).map((s) => s.trim().split(/\s+/).slice(0, 4).join(' '));
  const call = CALL.exec(code);
  if (call) found.push(call[0].trim());
  return found;
}

/** True when `file` (relative to the root, with /) may hold SQL. */
export function sqlAllowedIn(file: string): boolean {
  return SQL_ALLOWED.some((a) => a.pattern.test(file));
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('.')) return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? tsFiles(path) : e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every non-test .ts file under `root`'s libs/ and apps/ holding SQL outside the allowed places, with what was found. */
export function findMisplacedSql(root: string): { file: string; sql: string[] }[] {
  return ['libs', 'apps']
    .flatMap((top) => tsFiles(join(root, top)))
    .map((path) => relative(root, path).split(sep).join('/'))
    .filter((file) => !SKIPPED.some((s) => s.test(file)) && !sqlAllowedIn(file))
    .map((file) => ({ file, sql: sqlIn(readFileSync(join(root, file), 'utf8')) }))
    .filter((f) => f.sql.length > 0);
}
