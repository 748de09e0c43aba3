import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lintCompose } from './src/compose-lint';
import { dockerignoreMatcher } from './src/dockerignore';
import { lintDockerfile, parseDockerfile, type DockerfileLintOptions } from './src/dockerfile-lint';
import { formatFindings, readRepoFile, REPO_ROOT } from './src/manifests';

/** The services (apps with a main.ts and an HTTP port in config.ts) and their ports. */
function services(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const app of readdirSync(join(REPO_ROOT, 'apps')).sort()) {
    const config = join(REPO_ROOT, 'apps', app, 'src/config.ts');
    if (!existsSync(join(REPO_ROOT, 'apps', app, 'src/main.ts')) || !existsSync(config)) continue;
    const port = /PORT:\s*port\((\d+)\)/.exec(readRepoFile(`apps/${app}/src/config.ts`))?.[1];
    if (port) out[app] = Number(port);
  }
  return out;
}

const SERVICES = services();
const DOCKERFILE = readRepoFile('docker/Dockerfile');
const OPTIONS: DockerfileLintOptions = {
  targets: { ...SERVICES, migrate: undefined },
  oneShotTargets: ['migrate'],
  requiredPackages: { trainer: ['libxgboost0'] },
};
const lint = (text: string) => lintDockerfile(text, OPTIONS);
const rules = (text: string) => lint(text).map((f) => f.rule);

describe('docker/Dockerfile', () => {
  it('finds the six services and their ports in apps/*/src/config.ts', () => {
    expect(SERVICES).toEqual({ api: 3006, 'feature-store': 3002, ingestion: 3001, 'prediction-coordinator': 3004, 'prediction-worker': 3005, trainer: 3003 });
  });

  it('passes the Dockerfile lint (hadolint-equivalent rules + image policy)', () => {
    expect(formatFindings(lint(DOCKERFILE))).toBe('');
  });

  it('starts each service from its compiled entry point with plain node', () => {
    const df = parseDockerfile(DOCKERFILE);
    for (const app of Object.keys(SERVICES)) {
      const stage = df.stages.find((s) => s.name === app)!;
      const cmd = stage.instructions.find((i) => i.keyword === 'CMD')!;
      expect(JSON.parse(cmd.args)).toEqual(['node', `dist/apps/${app}/src/main.js`]);
      expect(existsSync(join(REPO_ROOT, `apps/${app}/src/main.ts`))).toBe(true);
    }
    const migrate = df.stages.find((s) => s.name === 'migrate')!;
    expect(JSON.parse(migrate.instructions.find((i) => i.keyword === 'CMD')!.args)).toEqual(['node', 'dist/apps/cli/src/main.js', 'migrate']);
    expect(readRepoFile('docker/propcast')).toContain('exec node /app/dist/apps/cli/src/main.js "$@"');
  });

  // The lint must catch what it claims: break the real Dockerfile one way at a time.
  it.each([
    ['an unpinned base image', (t: string) => t.replace('ARG NODE_IMAGE=node:20.20.2-bookworm-slim', 'ARG NODE_IMAGE=node:20-slim'), 'DL3006'],
    ['a :latest base image', (t: string) => t.replace('ARG NODE_IMAGE=node:20.20.2-bookworm-slim', 'ARG NODE_IMAGE=node:latest'), 'DL3007'],
    ['no USER (root at run time)', (t: string) => t.replace(/^USER 1000:1000\n/gm, ''), 'DL3002'],
    ['USER root', (t: string) => t.replace(/^USER 1000:1000$/gm, 'USER root'), 'DL3002'],
    ['a named USER', (t: string) => t.replace(/^USER 1000:1000$/gm, 'USER node'), 'PC011'],
    ['no HEALTHCHECK on a service', (t: string) => t.replace(/^HEALTHCHECK --interval.*\nCMD \["node", "dist\/apps\/ingestion/m, 'CMD ["node", "dist/apps/ingestion'), 'PC012'],
    ['apt-get upgrade', (t: string) => t.replace('apt-get update \\', 'apt-get update && apt-get upgrade -y \\'), 'DL3005'],
    ['apt-get install without --no-install-recommends', (t: string) => t.replace(' --no-install-recommends', ''), 'DL3015'],
    ['apt lists left behind', (t: string) => t.replace('&& rm -rf /var/lib/apt/lists/* \\\n', ''), 'DL3009'],
    ['COPY into the runtime without --chown', (t: string) => t.replace('COPY --from=build --chown=root:root /src/dist ./dist', 'COPY --from=build /src/dist ./dist'), 'PC015'],
    ['application files owned by the runtime user', (t: string) => t.replace('COPY --from=build --chown=root:root /src/dist ./dist', 'COPY --from=build --chown=1000:1000 /src/dist ./dist'), 'PC015'],
    ['shell-form CMD', (t: string) => t.replace('CMD ["node", "dist/apps/trainer/src/main.js"]', 'CMD node dist/apps/trainer/src/main.js'), 'DL3025'],
    ['dev dependencies in the image', (t: string) => t.replaceAll('npm ci --omit=dev --omit=optional', 'npm ci'), 'PC017'],
    ['npm install', (t: string) => t.replace('npm ci --ignore-scripts --no-audit', 'npm install --ignore-scripts --no-audit'), 'DL3016'],
    ['ADD', (t: string) => t.replace('COPY prisma ./prisma', 'ADD prisma ./prisma'), 'DL3020'],
    ['a pipe without pipefail', (t: string) => t.replace('SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n', ''), 'DL4006'],
    ['a trainer without libxgboost0', (t: string) => t.replace('--no-install-recommends libxgboost0', '--no-install-recommends'), 'PC016'],
    ['a missing service target', (t: string) => t.replace('AS prediction-worker', 'AS worker'), 'PC010'],
  ])('reports %s', (_what, mutate, rule) => {
    const broken = mutate(DOCKERFILE);
    expect(broken).not.toBe(DOCKERFILE);
    expect(rules(broken)).toContain(rule);
  });
});

describe('.dockerignore', () => {
  const ignored = dockerignoreMatcher(readRepoFile('.dockerignore'));

  it('keeps every file the Dockerfile copies from the context', () => {
    const sources = parseDockerfile(DOCKERFILE)
      .stages.flatMap((s) => s.instructions)
      .filter((i) => i.keyword === 'COPY' && !i.flags.from)
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(5);
    for (const src of sources) expect(`${src}: ${ignored(src) ? 'ignored' : 'kept'}`).toBe(`${src}: kept`);
    for (const path of [
      'apps/ingestion/src/main.ts',
      'libs/config/src/index.ts',
      'prisma/migrations/20261122000000_init/migration.sql',
      'tools/build/build-project.js',
      'tools/db/prisma-generate.sh',
    ]) {
      expect(`${path}: ${ignored(path) ? 'ignored' : 'kept'}`).toBe(`${path}: kept`);
    }
  });

  it('excludes dependencies, build output, VCS, secrets, generated code and tests', () => {
    for (const path of [
      'node_modules/x/index.js',
      'libs/db/node_modules/x',
      'dist/apps/ingestion/src/main.js',
      '.git/HEAD',
      '.env',
      'apps/trainer/.env.local',
      'libs/db/src/generated/prisma/client.ts',
      'apps/ingestion/src/main.spec.ts',
      'libs/features/test/real-boxscores.ts',
      'tools/jest/global-setup.js',
      'var/artifacts/x',
      'k8s/base/kustomization.yaml',
    ]) {
      expect(`${path}: ${ignored(path) ? 'ignored' : 'kept'}`).toBe(`${path}: ignored`);
    }
  });
});

describe('docker-compose.yml', () => {
  const compose = readRepoFile('docker-compose.yml');

  it('runs Postgres, Redis, the migration one-shot and the five services from the Dockerfile targets', () => {
    expect(formatFindings(lintCompose(compose, { 'docker/Dockerfile': DOCKERFILE }, Object.keys(SERVICES)))).toBe('');
  });

  it('reports API keys shipped as a literal instead of a required variable', () => {
    const literal = compose.replace(/API_KEYS: \$\{PROPCAST_API_KEYS:\?[^}]+\}/, 'API_KEYS: me:a-known-key-0123456789');
    expect(literal).not.toBe(compose);
    const messages = lintCompose(literal, { 'docker/Dockerfile': DOCKERFILE }, Object.keys(SERVICES)).map((f) => `${f.object}: ${f.message}`);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/ingestion: environment API_KEYS must come from a required variable/)]));
  });

  it('reports a service built from a missing target or started before migrations', () => {
    const broken = compose.replace('target: prediction-worker', 'target: worker').replace('migrate: { condition: service_completed_successfully }', 'migrate: { condition: service_started }');
    const messages = lintCompose(broken, { 'docker/Dockerfile': DOCKERFILE }, Object.keys(SERVICES)).map((f) => `${f.object}: ${f.message}`);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/prediction-worker: build target worker/), expect.stringMatching(/must wait for migrate/)]));
  });
});
