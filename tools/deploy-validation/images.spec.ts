// tools/images (npm run images / test:images): the scripts parse, and the play-kube rewrite of k8s/overlays/local keeps
// the six app Deployments runnable by podman (local images, no pull, host network, one port each, no Secret refs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectlAvailable, parseObjects, REPO_ROOT, type K8sObject } from './src/manifests';

const APPS = ['ingestion', 'feature-store', 'trainer', 'prediction-coordinator', 'prediction-worker', 'api'];

interface Container {
  image: string;
  imagePullPolicy?: string;
  ports?: unknown[];
  livenessProbe?: { httpGet: { port: number | string } };
  env: { name: string; value?: string; valueFrom?: unknown }[];
}

describe('tools/images scripts', () => {
  it.each(['build.sh', 'test-stack.sh', 'base-image.sh', 'podman-setup.sh', 'engine.sh'])('%s is valid bash', (script) => {
    expect(() => execFileSync('bash', ['-n', join(REPO_ROOT, 'tools/images', script)], { stdio: 'pipe' })).not.toThrow();
  });

  it('package.json has images and test:images, and test:images stays out of npm test', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['images']).toBe('bash tools/images/build.sh');
    expect(pkg.scripts['test:images']).toBe('bash tools/images/test-stack.sh');
    expect(readFileSync(join(REPO_ROOT, 'tools/ci/test-all.sh'), 'utf8')).not.toMatch(/test:images|tools\/images/);
  });
});

(kubectlAvailable() ? describe : describe.skip)('kube-for-podman.js on k8s/overlays/local', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kube-for-podman-'));
  const rendered = join(dir, 'local.yaml');
  const out = join(dir, 'podman.yaml');
  writeFileSync(rendered, execFileSync('kubectl', ['kustomize', join(REPO_ROOT, 'k8s/overlays/local')], { encoding: 'utf8' }));
  const report = execFileSync(
    'node',
    [
      join(REPO_ROOT, 'tools/images/kube-for-podman.js'),
      rendered,
      out,
      '--database-url',
      'postgresql://u:p@127.0.0.1:5432/db',
      '--redis-url',
      'redis://127.0.0.1:3979',
      '--api-keys',
      'it:0123456789abcdef0123',
      '--port-base',
      '3920',
      '--volume',
      'it-artifacts',
    ],
    { encoding: 'utf8' },
  );
  const objects: K8sObject[] = parseObjects(readFileSync(out, 'utf8'));
  const deployments = objects.filter((o) => o.kind === 'Deployment');
  const containers = (d: K8sObject) => (d as unknown as { spec: { template: { spec: { containers: Container[] } } } }).spec.template.spec.containers;

  it('keeps exactly the six app Deployments and the ConfigMap, and names what it drops', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([...APPS].sort());
    expect(objects.filter((o) => o.kind !== 'Deployment').map((o) => o.kind)).toEqual(['ConfigMap']);
    expect(report).toMatch(/not played: Service .*ingestion/);
    expect(report).toMatch(/not played: Deployment datastore.*postgres/);
    expect(report).toMatch(/readinessProbe .*ignored by podman/);
  });

  it('runs local images without pulling, on the host network, one distinct port per service', () => {
    const ports = deployments.map((d) => {
      const spec = (d as unknown as { spec: { replicas: number; template: { spec: { hostNetwork: boolean } } } }).spec;
      expect(spec.replicas).toBe(1);
      expect(spec.template.spec.hostNetwork).toBe(true);
      const [c] = containers(d);
      expect(c.image).toBe(`localhost/propcast/${d.metadata.name}:local`);
      expect(c.imagePullPolicy).toBe('Never');
      expect(c.ports).toBeUndefined();
      const port = Number(c.env.find((e) => e.name === 'PORT')?.value);
      expect(c.livenessProbe?.httpGet.port).toBe(port);
      return port;
    });
    expect(new Set(ports).size).toBe(6);
    expect(Math.min(...ports)).toBe(3921);
  });

  it('writes the Secret keys into the env, leaves optional ones out, and points the artifacts claim at the volume', () => {
    for (const d of deployments) {
      const env = containers(d)[0].env;
      expect(env.filter((e) => e.valueFrom && JSON.stringify(e.valueFrom).includes('secretKeyRef'))).toEqual([]);
      expect(env.find((e) => e.name === 'API_KEYS')?.value).toBe('it:0123456789abcdef0123');
      expect(env.find((e) => e.name === 'READ_API_KEYS')).toBeUndefined();
      const claims = JSON.stringify(d).match(/"claimName":"([^"]+)"/g) ?? [];
      expect(claims).toEqual(['"claimName":"it-artifacts"']);
    }
  });
});
