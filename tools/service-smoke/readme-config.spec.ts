import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES, WORKSPACE_ROOT } from './service-process';

/** Every env spec a service exports (`<Name>Env` objects in apps/<service>/src/config.ts). */
function serviceEnvSpecs(app: string): Record<string, { description: string }> {
  const mod = require(join(WORKSPACE_ROOT, 'apps', app, 'src', 'config.ts')) as Record<string, unknown>;
  const specs = Object.entries(mod)
    .filter(([name]) => name.endsWith('Env'))
    .map(([, v]) => v as Record<string, { description: string }>);
  return Object.assign({}, ...specs);
}

describe('README configuration table', () => {
  const readme = readFileSync(join(WORKSPACE_ROOT, 'README.md'), 'utf8');
  const documented = new Set([...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]));

  it.each(SERVICES)('documents every variable %s reads', (app) => {
    const missing = Object.keys(serviceEnvSpecs(app)).filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });

  it('documents no variable that no service reads', () => {
    const read = new Set(SERVICES.flatMap((app) => Object.keys(serviceEnvSpecs(app))));
    expect([...documented].filter((name) => !read.has(name))).toEqual([]);
  });
});
