// Lints and prettier-checks in-memory probes with the workspace's own config, outside Jest (ESLint and
// Prettier load their configs through dynamic import(), which Jest's VM does not allow).
// stdin: [{ file, code }]; stdout: [{ file, errors: ["rule: message"], prettier: { formatted, ignored } }].
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';

const root = resolve(import.meta.dirname, '../..');
const probes = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: root });
const results = [];
for (const { file, code } of probes) {
  const filePath = resolve(root, file);
  const [linted] = await eslint.lintText(code, { filePath });
  const errors = (linted?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
  const { ignored } = await prettier.getFileInfo(filePath, { ignorePath: resolve(root, '.prettierignore') });
  const options = { ...(await prettier.resolveConfig(filePath)), filepath: filePath };
  const formatted = ignored ? null : await prettier.check(code, options);
  results.push({ file, errors, prettier: { formatted, ignored } });
}
process.stdout.write(JSON.stringify(results));
