import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './src/manifests';
import { githubAnchors } from './src/markdown';

describe('deployment scripts', () => {
  it.each(['k8s/deploy.sh', 'k8s/pubsub/setup.sh', 'docker/prune-node-modules.sh', 'docker/propcast'])('%s is valid shell', (script) => {
    const shell = script.endsWith('.sh') && script !== 'docker/prune-node-modules.sh' ? 'bash' : 'sh';
    expect(() => execFileSync(shell, ['-n', join(REPO_ROOT, script)], { stdio: 'pipe' })).not.toThrow();
  });
});

describe('docs/operations.md', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs/operations.md'), 'utf8');

  it('has the sections the scripts, manifests and alerts point to, and its internal links resolve', () => {
    const anchors = githubAnchors(doc);
    for (const section of ['deploy', 'roll-back-a-release', 'a-migration-failed', 'model-rollback', 'scaling', 'scheduled-work', 'secrets', 'incident-a-prediction-batch-stalls']) {
      expect(`${section}: ${anchors.has(section)}`).toBe(`${section}: true`);
    }
    const broken = [...doc.matchAll(/\]\(#([\w-]+)\)/g)].map((m) => m[1]).filter((a) => !anchors.has(a));
    expect(broken).toEqual([]);
  });
});
