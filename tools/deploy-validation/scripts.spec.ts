import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './src/manifests';

describe('deployment scripts', () => {
  it.each(['k8s/deploy.sh', 'k8s/pubsub/setup.sh', 'docker/prune-node-modules.sh', 'docker/propcast'])('%s is valid shell', (script) => {
    const shell = script.endsWith('.sh') && script !== 'docker/prune-node-modules.sh' ? 'bash' : 'sh';
    expect(() => execFileSync(shell, ['-n', join(REPO_ROOT, script)], { stdio: 'pipe' })).not.toThrow();
  });
});
