#!/usr/bin/env node
// Builds Nx projects to plain CommonJS under dist/, runnable with `node` (no SWC, no ts-node at run time).
//
//   node tools/build/build-project.js <projectRoot>...   e.g. apps/ingestion   (what `nx build <project>` runs)
//   node tools/build/build-project.js --all             every app and lib (what the Docker image build runs)
//   ... --out <dir>                                      write somewhere else than dist/ (tests)
//
// How: every `.ts` file under `<projectRoot>/src` (specs excluded) is compiled by SWC with the same options
// as the Jest transform (decorators + metadata for Nest) to `dist/<same path>.js` with a source map.
// `@propcast/*` path aliases (tsconfig.base.json `paths`) are rewritten at build time into relative
// requires of the compiled library files, so nothing has to resolve aliases at run time. Every library
// reached through an alias is compiled too (transitively), so one invocation always yields a complete,
// runnable tree: `node dist/apps/ingestion/src/main.js`. Non-TS files under src/ (JSON, SQL, proto...) are
// copied; prisma/ (migrations + schema) is copied to dist/prisma because code finds the migrations
// relative to its own location. Unchanged files are skipped (mtime), deleted sources are pruned.
// Type checking is not done here: that is `npm run typecheck` (tsc --noEmit) in CI.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const workspaceRoot = path.resolve(__dirname, '../..');
let distRoot = path.join(workspaceRoot, 'dist');
const SPEC = /\.(spec|int-spec|test)\.ts$/;

function loadSwc() {
  try {
    return require('@swc/core');
  } catch {
    fail('@swc/core is not installed: run `npm ci` (the build needs dev dependencies)');
  }
}

function fail(message) {
  process.stderr.write(`build: ${message}\n`);
  process.exit(1);
}

/** SWC options: identical to tools/jest/project-config.js so tests and builds see the same semantics. */
function swcOptions(filename, sourceFileName) {
  return {
    filename,
    sourceMaps: true,
    sourceFileName,
    swcrc: false,
    configFile: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true, // Nest uses class names (injection tokens, log contexts)
    },
    module: { type: 'commonjs', strictMode: true },
  };
}

/** tsconfig.base.json `paths` → [{ alias, wildcard, target }] (target relative to the workspace). */
function readAliases() {
  const tsconfig = JSON.parse(fs.readFileSync(path.join(workspaceRoot, 'tsconfig.base.json'), 'utf8'));
  const paths = tsconfig.compilerOptions?.paths ?? {};
  return Object.entries(paths).map(([alias, targets]) => ({ alias, wildcard: alias.endsWith('/*'), target: targets[0] }));
}

/** Resolves `@propcast/...` to the workspace-relative TS file it names, or undefined when no alias matches. */
function resolveAlias(aliases, specifier) {
  const exact = aliases.find((a) => !a.wildcard && a.alias === specifier);
  if (exact) return exact.target;
  for (const a of aliases.filter((x) => x.wildcard)) {
    const prefix = a.alias.slice(0, -1);
    if (specifier.startsWith(prefix)) return a.target.replace('*', specifier.slice(prefix.length));
  }
  return undefined;
}

/** The Nx project root (folder with project.json) containing a workspace-relative file. */
function projectRootOf(relFile) {
  let dir = path.dirname(relFile);
  while (dir && dir !== '.' && dir !== path.sep) {
    if (fs.existsSync(path.join(workspaceRoot, dir, 'project.json'))) return dir.split(path.sep).join('/');
    dir = path.dirname(dir);
  }
  fail(`no project.json above ${relFile}`);
}

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '__tests__') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

function isFresh(output, inputMtime) {
  try {
    return fs.statSync(output).mtimeMs >= inputMtime;
  } catch {
    return false;
  }
}

/** Writes via a temporary file and rename, so parallel builds (Nx runs ^build tasks concurrently) never see half a file. */
function writeAtomic(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

function copyAtomic(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const tmp = `${to}.${process.pid}.tmp`;
  fs.copyFileSync(from, tmp);
  fs.renameSync(tmp, to);
}

function toJsPath(relTs) {
  return relTs.replace(/\.ts$/, '.js');
}

/** Relative require path from one dist file to another, always starting with ./ or ../ */
function relativeRequire(fromDistFile, toDistFile) {
  let rel = path.relative(path.dirname(fromDistFile), toDistFile).split(path.sep).join('/');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}

const REQUIRE_ALIAS = /require\((["'])(@propcast\/[^"']+)\1\)/g;

/**
 * Rewrites aliased requires in compiled code; returns the code and the project roots it reached.
 * Also scans the source, because a fresh (skipped) file still pulls in its libraries.
 */
function rewriteAliases(code, relTs, aliases) {
  const reached = new Set();
  const outFile = path.join(distRoot, toJsPath(relTs));
  const rewritten = code.replace(REQUIRE_ALIAS, (_m, quote, specifier) => {
    const target = resolveAlias(aliases, specifier);
    if (!target) fail(`${relTs}: cannot resolve ${specifier}: no matching path in tsconfig.base.json`);
    if (!fs.existsSync(path.join(workspaceRoot, target))) fail(`${relTs}: ${specifier} maps to ${target}, which does not exist`);
    reached.add(projectRootOf(target));
    return `require(${quote}${relativeRequire(outFile, path.join(distRoot, toJsPath(target)))}${quote})`;
  });
  return { code: rewritten, reached };
}

/** Aliases a TS source imports (import/export from, import(), require), for skipped files. */
function aliasesInSource(source, relTs, aliases) {
  const reached = new Set();
  const re = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)(["'])(@propcast\/[^"']+)\1/g;
  for (const m of source.matchAll(re)) {
    // `import type` lines are erased by the compiler: they do not make a run-time dependency.
    const lineStart = source.lastIndexOf('\n', m.index) + 1;
    if (/^\s*(import|export)\s+type\s/.test(source.slice(lineStart, m.index + 1))) continue;
    const target = resolveAlias(aliases, m[2]);
    if (!target) fail(`${relTs}: cannot resolve ${m[2]}: no matching path in tsconfig.base.json`);
    reached.add(projectRootOf(target));
  }
  return reached;
}

function ensurePrismaClient(projectRoot) {
  if (projectRoot !== 'libs/db') return;
  if (fs.existsSync(path.join(workspaceRoot, 'libs/db/src/generated/prisma/client.ts'))) return;
  process.stdout.write('build: Prisma client missing, running tools/db/prisma-generate.sh\n');
  execFileSync('bash', [path.join(workspaceRoot, 'tools/db/prisma-generate.sh')], { stdio: 'inherit', cwd: workspaceRoot });
}

/** Compiles one project's src/ into dist/; returns the other project roots its code requires. */
async function buildOne(swc, projectRoot, aliases, baseMtime, stats) {
  ensurePrismaClient(projectRoot);
  const srcDir = path.join(workspaceRoot, projectRoot, 'src');
  if (!fs.existsSync(srcDir)) fail(`${projectRoot}/src does not exist`);
  const reached = new Set();
  const files = walk(srcDir);
  await Promise.all(
    files.map(async (abs) => {
      const rel = path.relative(workspaceRoot, abs).split(path.sep).join('/');
      if (rel.endsWith('.d.ts') || SPEC.test(rel)) return;
      const mtime = Math.max(fs.statSync(abs).mtimeMs, baseMtime);
      if (rel.endsWith('.ts')) {
        const out = path.join(distRoot, toJsPath(rel));
        const source = fs.readFileSync(abs, 'utf8');
        if (isFresh(out, mtime) && isFresh(`${out}.map`, mtime)) {
          for (const r of aliasesInSource(source, rel, aliases)) reached.add(r);
          stats.skipped++;
          return;
        }
        const sourceFileName = path.relative(path.dirname(out), abs).split(path.sep).join('/');
        let result;
        try {
          result = await swc.transform(source, swcOptions(abs, sourceFileName));
        } catch (err) {
          fail(
            `${rel}: ${String(err.message ?? err)
              .split('\n')
              .slice(0, 6)
              .join('\n')}`,
          );
        }
        const { code, reached: r } = rewriteAliases(result.code, rel, aliases);
        for (const x of r) reached.add(x);
        writeAtomic(`${out}.map`, result.map);
        writeAtomic(out, `${code}\n//# sourceMappingURL=${path.basename(out)}.map\n`);
        stats.compiled++;
      } else {
        // Assets beside the code (JSON, SQL, proto, ONNX fixtures...) are read at run time relative to it.
        const out = path.join(distRoot, rel);
        if (isFresh(out, mtime)) return;
        copyAtomic(abs, out);
        stats.copied++;
      }
    }),
  );
  // Prune outputs whose source was deleted or renamed (another build's in-flight .tmp files are left alone).
  for (const out of walk(path.join(distRoot, projectRoot, 'src'))) {
    if (out.endsWith('.tmp')) continue;
    const rel = path.relative(distRoot, out);
    const js = rel.match(/^(.*)\.js(\.map)?$/);
    const sources = js ? [`${js[1]}.ts`, rel] : [rel];
    const alive = sources.some((s) => fs.existsSync(path.join(workspaceRoot, s)) && !(s.endsWith('.ts') && SPEC.test(s)));
    if (!alive) {
      fs.rmSync(out, { force: true });
      stats.pruned++;
    }
  }
  reached.delete(projectRoot);
  return reached;
}

/** Mirrors prisma/ (schema + migrations) into dist/prisma: code locates the migrations relative to itself. */
function copyPrisma(stats) {
  const from = path.join(workspaceRoot, 'prisma');
  if (!fs.existsSync(from)) return;
  const to = path.join(distRoot, 'prisma');
  for (const abs of walk(from)) {
    const out = path.join(to, path.relative(from, abs));
    if (isFresh(out, fs.statSync(abs).mtimeMs)) continue;
    copyAtomic(abs, out);
    stats.copied++;
  }
  for (const out of walk(to)) {
    if (!out.endsWith('.tmp') && !fs.existsSync(path.join(from, path.relative(to, out)))) {
      fs.rmSync(out, { force: true });
      stats.pruned++;
    }
  }
}

function allProjects() {
  const roots = [];
  for (const group of ['apps', 'libs']) {
    const dir = path.join(workspaceRoot, group);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (fs.existsSync(path.join(dir, name, 'project.json')) && fs.existsSync(path.join(dir, name, 'src'))) roots.push(`${group}/${name}`);
    }
  }
  return roots;
}

async function main(argv) {
  const args = argv.filter((a) => a !== '--');
  const outAt = args.indexOf('--out');
  if (outAt >= 0) {
    if (!args[outAt + 1]) fail('--out needs a directory');
    distRoot = path.resolve(args[outAt + 1]);
    args.splice(outAt, 2);
  }
  if (args.length === 0) fail('usage: build-project.js <projectRoot>... | --all [--out <dir>]');
  const requested = args.includes('--all') ? allProjects() : args.map((a) => a.replace(/\/+$/, ''));
  for (const root of requested) {
    if (!fs.existsSync(path.join(workspaceRoot, root, 'project.json'))) fail(`${root} is not a project (no project.json)`);
  }
  const started = Date.now();
  const swc = loadSwc();
  const aliases = readAliases();
  // Outputs older than the build script or the alias table are rebuilt.
  const baseMtime = Math.max(fs.statSync(__filename).mtimeMs, fs.statSync(path.join(workspaceRoot, 'tsconfig.base.json')).mtimeMs);
  const stats = { compiled: 0, skipped: 0, copied: 0, pruned: 0 };
  const done = new Set();
  const queue = [...requested];
  while (queue.length) {
    const root = queue.shift();
    if (done.has(root)) continue;
    done.add(root);
    for (const dep of await buildOne(swc, root, aliases, baseMtime, stats)) if (!done.has(dep)) queue.push(dep);
  }
  copyPrisma(stats);
  const extra = [...done].filter((r) => !requested.includes(r));
  process.stdout.write(
    `build: ${requested.join(', ')}${extra.length ? ` (+ ${extra.join(', ')})` : ''} → ${path.relative(workspaceRoot, distRoot) || '.'}/ ` +
      `(${stats.compiled} compiled, ${stats.skipped} up to date, ${stats.copied} copied, ${stats.pruned} pruned) in ${Date.now() - started} ms\n`,
  );
  for (const root of requested) {
    const main = path.join(distRoot, root, 'src/main.js');
    if (fs.existsSync(main)) process.stdout.write(`build: run with: node ${path.relative(workspaceRoot, main)}\n`);
  }
}

main(process.argv.slice(2)).catch((err) => fail(err.stack ?? String(err)));
