// The lint rules of eslint.config.mjs and .prettierrc, proven on code that breaks them. Each probe is
// linted in memory as if it were a file inside a real project (nothing is written to the tree), by
// tools/lint/lint-probe.mjs in a child process, with the project graph computed as `npm run lint` does.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const BOUNDARIES = '@nx/enforce-module-boundaries';

type ProbeResult = { file: string; errors: string[]; prettier: { formatted: boolean | null; ignored: boolean } };

const importOf = (target: string) => `import * as probe from '${target}';\n\nexport const used = probe;\n`;
const TESTING_IMPORT = importOf('@propcast/db/testing');
const HOUSE_STYLE = `export const stats = ['points', 'rebounds'];\n\nexport function first(values: string[]): string | undefined {\n  return values[0];\n}\n`;
const LONG_LINE = `export const line = [${Array.from({ length: 14 }, (_, i) => `'value-${i}'`).join(', ')}];\n`;

const CROSS_SCOPE: Array<[string, string, string]> = [
  ['a feature lib imports another scope it does not build on', 'libs/feature-pipeline/src/probe-a.ts', '@propcast/grading'],
  ['grading imports the feature pipeline', 'libs/grading/src/probe-b.ts', '@propcast/feature-pipeline'],
  ['the core imports the ingestion scope', 'libs/prediction/src/probe-c.ts', '@propcast/ingestion'],
  ['the api app imports the trainer', 'apps/api/src/probe-d.ts', '@propcast/training'],
  ['the feature-store app imports prediction serving', 'apps/feature-store/src/probe-e.ts', '@propcast/prediction-serving'],
];
const LEGAL: Array<[string, string, string]> = [
  ['grading uses the core', 'libs/grading/src/probe-f.ts', '@propcast/prediction'],
  ['the trainer uses grading', 'libs/training/src/probe-g.ts', '@propcast/grading'],
  ['prediction serving uses the feature pipeline', 'libs/prediction-serving/src/probe-h.ts', '@propcast/feature-pipeline'],
  ['the trainer app uses the read model', 'apps/trainer/src/probe-i.ts', '@propcast/read-model'],
];
const TEST_CODE = ['libs/grading/src/probe-j.spec.ts', 'libs/grading/src/probe-k.int-spec.ts', 'libs/grading/src/testing/probe-l.ts', 'tools/bench/probe-m.ts'];

const probes = [
  ...[...CROSS_SCOPE, ...LEGAL].map(([, file, target]) => ({ file, code: importOf(target) })),
  { file: 'libs/features/src/probe-type.ts', code: importOf('@propcast/artifact-store') },
  { file: 'libs/grading/src/probe-testing.ts', code: TESTING_IMPORT },
  { file: 'apps/api/src/probe-testing.ts', code: TESTING_IMPORT },
  ...TEST_CODE.map((file) => ({ file, code: TESTING_IMPORT })),
  { file: 'libs/common/src/probe-style.ts', code: HOUSE_STYLE },
  { file: 'libs/common/src/probe-double.ts', code: HOUSE_STYLE.replace(/'/g, '"') },
  { file: 'libs/common/src/probe-semi.ts', code: HOUSE_STYLE.replace(/;\n/g, '\n') },
  { file: 'libs/common/src/probe-long.ts', code: LONG_LINE },
  ...['var/bench/x.json', 'dist/libs/db/index.js', 'libs/db/src/generated/client.ts', 'README.md'].map((file) => ({ file, code: '{}' })),
];

let results: Map<string, ProbeResult>;
const result = (file: string): ProbeResult => results.get(file) ?? fail(new Error(`no probe for ${file}`));

beforeAll(() => {
  const env = { ...process.env, NX_DAEMON: 'false' };
  execFileSync('npx', ['nx', 'show', 'projects'], { cwd: ROOT, env, stdio: 'ignore' });
  const out = execFileSync('node', ['tools/lint/lint-probe.mjs'], { cwd: ROOT, env, input: JSON.stringify(probes), encoding: 'utf8' });
  results = new Map((JSON.parse(out) as ProbeResult[]).map((r) => [r.file, r]));
}, 180_000);

describe('module boundaries (eslint.config.mjs)', () => {
  it.each(CROSS_SCOPE)('rejects a cross-scope import: %s', (_case, file) => {
    expect(result(file).errors).toEqual([expect.stringMatching(new RegExp(`^${BOUNDARIES}: .*scope:`))]);
  });

  it('rejects a shared util importing a data-access lib (type rule)', () => {
    expect(result('libs/features/src/probe-type.ts').errors).toEqual([expect.stringMatching(new RegExp(`^${BOUNDARIES}: .*type:`))]);
  });

  it.each(LEGAL)('accepts a legal import: %s', (_case, file) => {
    expect(result(file).errors).toEqual([]);
  });
});

describe('test helpers stay in test code', () => {
  it('rejects @propcast/*/testing in production code', () => {
    expect(result('libs/grading/src/probe-testing.ts').errors).toEqual([expect.stringMatching(/^no-restricted-imports: .*@propcast\/db\/testing/)]);
    expect(result('apps/api/src/probe-testing.ts').errors).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
  });

  it.each(TEST_CODE)('accepts it in %s', (file) => {
    expect(result(file).errors).toEqual([]);
  });
});

describe('prettier (.prettierrc, .prettierignore)', () => {
  it('accepts the house style and rejects double quotes and missing semicolons', () => {
    expect(result('libs/common/src/probe-style.ts').prettier.formatted).toBe(true);
    expect(result('libs/common/src/probe-double.ts').prettier.formatted).toBe(false);
    expect(result('libs/common/src/probe-semi.ts').prettier.formatted).toBe(false);
  });

  it('keeps a line that fits the wide print width', () => {
    expect(LONG_LINE.length).toBeGreaterThan(150);
    expect(result('libs/common/src/probe-long.ts').prettier.formatted).toBe(true);
  });

  it.each(['var/bench/x.json', 'dist/libs/db/index.js', 'libs/db/src/generated/client.ts', 'README.md'])('ignores %s', (file) => {
    expect(result(file).prettier.ignored).toBe(true);
  });
});
