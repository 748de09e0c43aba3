import { createRequire } from 'node:module';
import { join } from 'node:path';
import { kubectlAvailable, render, REPO_ROOT, type K8sObject } from './src/manifests';

/**
 * The configuration a Deployment hands its container (ConfigMap envFrom + env; Secret values replaced by
 * well-formed placeholders) must pass the service's own start-up validation (apps/<svc>/src/config.ts):
 * a bad value or a missing required variable would otherwise only show as a crash loop after rollout.
 */
const SERVICES = ['ingestion', 'feature-store', 'trainer', 'prediction-coordinator', 'prediction-worker'];
const SECRET_PLACEHOLDERS: Record<string, string> = {
  DATABASE_URL: 'postgresql://propcast:placeholder@postgres.invalid:5432/propcast',
  REDIS_URL: 'redis://redis.invalid:6379',
};
const load = createRequire(__filename);

function containerEnv(objects: K8sObject[], deployment: K8sObject): Record<string, string> {
  const c = deployment.spec.template.spec.containers[0];
  const env: Record<string, string> = {};
  for (const ef of c.envFrom ?? []) {
    const cm = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === ef.configMapRef?.name);
    Object.assign(env, (cm as any)?.data ?? {});
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value;
    else if (e.valueFrom?.secretKeyRef) env[e.name] = SECRET_PLACEHOLDERS[e.valueFrom.secretKeyRef.key] ?? 'placeholder';
  }
  return env;
}

(kubectlAvailable() ? describe : describe.skip).each(['local', 'prod'])('%s overlay: service configuration', (env) => {
  let objects: K8sObject[];
  beforeAll(() => {
    objects = render(`k8s/overlays/${env}`);
  });

  it.each(SERVICES)('%s accepts the environment its Deployment gives it', (service) => {
    const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === service)!;
    const module = load(join(REPO_ROOT, `apps/${service}/src/config.ts`)) as Record<string, unknown>;
    const loader = Object.entries(module).find(([name, value]) => /^load\w*Config$/.test(name) && typeof value === 'function')?.[1] as ((e: NodeJS.ProcessEnv) => Record<string, unknown>) | undefined;
    expect(loader).toBeDefined();
    const config = loader!(containerEnv(objects, deployment));
    const port = deployment.spec.template.spec.containers[0].ports.find((p: any) => p.name === 'http').containerPort;
    expect(config.PORT).toBe(port);
  });
});

(kubectlAvailable() ? it : it.skip)('a ConfigMap value a service rejects is caught', () => {
  const objects = render('k8s/overlays/prod');
  const cm = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('propcast-config')) as any;
  cm.data.LOG_LEVEL = 'verbose';
  const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'ingestion')!;
  const { loadIngestionConfig } = load(join(REPO_ROOT, 'apps/ingestion/src/config.ts')) as { loadIngestionConfig: (e: NodeJS.ProcessEnv) => unknown };
  expect(() => loadIngestionConfig(containerEnv(objects, deployment))).toThrow(/LOG_LEVEL is malformed/);
});
