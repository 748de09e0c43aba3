import { discoverOverlays, environmentOf, formatFindings, kubectlAvailable, podTemplates, readRepoFile, ref, render, type K8sObject } from './src/manifests';
import { lintManifests } from './src/policy-lint';
import { hasSchema, SCHEMA_SOURCES, validateSchema } from './src/schema';
import { StrictFieldChecker } from './src/strict-fields';
import { githubAnchors } from './src/markdown';

/**
 * Renders every overlay under k8s/overlays with `kubectl kustomize` and validates what comes out:
 * OpenAPI schemas of Kubernetes 1.33 (kubernetes-models) and of the CRDs (KEDA, prometheus-operator,
 * hand-written Config Connector schemas), unknown fields, then the deployment policy (policy-lint.ts).
 * Without kubectl the suite is skipped with a message (the Dockerfile/compose/build suites still run).
 */
const HAVE_KUBECTL = kubectlAvailable();
if (!HAVE_KUBECTL) {
  console.warn('kubectl not found: Kubernetes manifest validation SKIPPED (install kubectl >= 1.27, it bundles kustomize v5)');
}
const describeK8s = HAVE_KUBECTL ? describe : describe.skip;

const OVERLAYS = discoverOverlays();
/** Environment → every object it deploys (the app overlay plus its migration overlay). */
function environment(env: string): K8sObject[] {
  return [`k8s/overlays/${env}`, `k8s/overlays/${env}/migrate`].filter((o) => OVERLAYS.includes(o)).flatMap((o) => render(o));
}
const ENVIRONMENTS = [...new Set(OVERLAYS.map(environmentOf))];

describeK8s('kustomize overlays', () => {
  it('has the local and prod overlays, each with a migration overlay', () => {
    expect(OVERLAYS).toEqual(expect.arrayContaining(['k8s/overlays/local', 'k8s/overlays/local/migrate', 'k8s/overlays/prod', 'k8s/overlays/prod/migrate']));
  });

  describe.each(OVERLAYS)('%s', (overlay) => {
    let objects: K8sObject[];
    beforeAll(() => {
      objects = render(overlay);
    });

    it('renders', () => {
      expect(objects.length).toBeGreaterThan(0);
    });

    it(`validates against the Kubernetes ${SCHEMA_SOURCES.kubernetes.kubernetesVersion} / CRD schemas`, () => {
      const findings = objects.flatMap(validateSchema);
      expect(formatFindings(findings)).toBe('');
    });

    it('has no unknown fields (kubectl --validate=strict equivalent)', () => {
      const checker = new StrictFieldChecker(objects);
      expect(formatFindings(objects.flatMap((o) => checker.check(o)))).toBe('');
    });

    it('has no duplicate objects and puts everything in the propcast namespace', () => {
      const seen = new Set<string>();
      for (const o of objects) {
        const key = `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
        expect(seen.has(key) ? key : '').toBe('');
        seen.add(key);
        if (o.kind !== 'Namespace') expect(`${ref(o)} in ${o.metadata.namespace}`).toBe(`${ref(o)} in propcast`);
      }
    });
  });

  describe.each(ENVIRONMENTS)('environment %s (apps + migration Job)', (env) => {
    let objects: K8sObject[];
    beforeAll(() => {
      objects = environment(env);
    });

    it('passes the deployment policy lint', () => {
      expect(formatFindings(lintManifests(objects, { environment: env }))).toBe('');
    });

    it('runs the five services, each with a Service and a PodDisruptionBudget', () => {
      for (const name of ['ingestion', 'feature-store', 'trainer', 'prediction-coordinator', 'prediction-worker']) {
        expect(objects.some((o) => o.kind === 'Deployment' && o.metadata.name === name)).toBe(true);
        expect(objects.some((o) => o.kind === 'Service' && o.metadata.name === name)).toBe(true);
      }
    });

    it('has the migration Job and the retrain / grade / fit-combiner / drift / gc / collector CronJobs', () => {
      expect(objects.some((o) => o.kind === 'Job' && o.metadata.name === 'propcast-migrate')).toBe(true);
      const commands = objects.filter((o) => o.kind === 'CronJob').map((o) => o.spec.jobTemplate.spec.template.spec.containers[0].command.join(' '));
      expect(commands.sort()).toEqual([
        'propcast collect availability --once',
        'propcast collect games --once',
        'propcast collect odds --once',
        'propcast drift',
        'propcast gc',
        'propcast grade',
        'propcast grade fit-combiner --production',
        'propcast train',
      ]);
    });
  });

  describe('production specifics', () => {
    let prod: K8sObject[];
    beforeAll(() => {
      prod = environment('prod');
    });

    it('scales workers with KEDA on bull:predictions:wait and the coordinator on CPU', () => {
      const so = prod.find((o) => o.kind === 'ScaledObject')!;
      expect(so.spec.scaleTargetRef.name).toBe('prediction-worker');
      expect(so.spec.triggers).toEqual([expect.objectContaining({ type: 'redis', metadata: expect.objectContaining({ listName: 'bull:predictions:wait' }) })]);
      const hpa = prod.find((o) => o.kind === 'HorizontalPodAutoscaler')!;
      expect(hpa.spec.scaleTargetRef.name).toBe('prediction-coordinator');
      expect(hpa.spec.metrics[0].resource.name).toBe('cpu');
    });

    it('gives the worker 120 s to finish or return its jobs', () => {
      const worker = prod.find((o) => o.kind === 'Deployment' && o.metadata.name === 'prediction-worker')!;
      expect(worker.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(120);
    });

    it('exposes only POST /pubsub/push publicly', () => {
      const ingresses = prod.filter((o) => o.kind === 'Ingress');
      const paths = ingresses.flatMap((i) => i.spec.rules.flatMap((r: any) => r.http.paths.map((p: any) => `${p.path} → ${p.backend.service.name}`)));
      expect(paths).toEqual(['/pubsub/push → prediction-coordinator']);
    });

    it('provisions the Grafana dashboards pipeline, serving and models from valid JSON', () => {
      const dashboards = prod.filter((o) => o.kind === 'ConfigMap' && o.metadata.labels?.grafana_dashboard === '1');
      const files = dashboards.flatMap((d) => Object.keys((d as any).data ?? {}));
      expect(files.sort()).toEqual(['models.json', 'pipeline.json', 'serving.json']);
      for (const d of dashboards) {
        for (const [file, json] of Object.entries((d as any).data as Record<string, string>)) {
          const dash = JSON.parse(json);
          expect({ file, uid: typeof dash.uid, title: typeof dash.title, panels: Array.isArray(dash.panels) }).toEqual({ file, uid: 'string', title: 'string', panels: true });
        }
      }
    });

    it('alert rules follow the conventions and link to existing runbook sections', () => {
      const anchors = githubAnchors(readRepoFile('docs/operations.md'));
      const rules = prod.filter((o) => o.kind === 'PrometheusRule').flatMap((r) => r.spec.groups.flatMap((g: any) => g.rules));
      expect(rules.length).toBeGreaterThan(0);
      for (const r of rules.filter((x: any) => x.alert)) {
        expect({ alert: r.alert, severity: ['page', 'ticket'].includes(r.labels?.severity), summary: !!r.annotations?.summary }).toEqual({ alert: r.alert, severity: true, summary: true });
        const anchor = /docs\/operations\.md#([\w-]+)/.exec(r.annotations?.runbook_url ?? '')?.[1];
        expect(`${r.alert} → ${anchor && anchors.has(anchor) ? 'ok' : `missing runbook anchor ${anchor}`}`).toBe(`${r.alert} → ok`);
      }
    });

    it('ServiceMonitor selects the services and their metrics port', () => {
      const sm = prod.find((o) => o.kind === 'ServiceMonitor')!;
      const services = prod.filter((o) => o.kind === 'Service' && Object.entries(sm.spec.selector.matchLabels).every(([k, v]) => o.metadata.labels?.[k] === v));
      expect(services.map((s) => s.metadata.name).sort()).toEqual(['api', 'feature-store', 'ingestion', 'prediction-coordinator', 'prediction-worker', 'trainer']);
      for (const s of services) expect(s.spec.ports.map((p: any) => p.name)).toContain(sm.spec.endpoints[0].port);
    });
  });

  // The lint must catch what it claims to catch: take rendered objects, break them, expect findings.
  describe('policy lint catches broken manifests', () => {
    let base: K8sObject[];
    beforeAll(() => {
      base = environment('prod');
    });
    const fresh = () => structuredClone(base);
    const deployment = (objs: K8sObject[], name = 'ingestion') => objs.find((o) => o.kind === 'Deployment' && o.metadata.name === name)!;
    const container = (objs: K8sObject[], name = 'ingestion') => deployment(objs, name).spec.template.spec.containers[0];
    const rulesOf = (objs: K8sObject[]) => lintManifests(objs, { environment: 'prod' }).map((f) => `${f.rule} ${f.object}`);

    it('reports a Deployment without resource limits', () => {
      const objs = fresh();
      delete container(objs).resources.limits;
      const findings = lintManifests(objs, { environment: 'prod' });
      expect(findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ rule: 'resources/set', object: 'Deployment/ingestion', message: expect.stringContaining('resources.limits.cpu') }),
          expect.objectContaining({ rule: 'resources/set', object: 'Deployment/ingestion', message: expect.stringContaining('resources.limits.memory') }),
        ]),
      );
    });

    it('reports a Deployment without probes', () => {
      const objs = fresh();
      delete container(objs).readinessProbe;
      delete container(objs).livenessProbe;
      const findings = lintManifests(objs, { environment: 'prod' });
      expect(findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ rule: 'probes/missing', object: 'Deployment/ingestion', message: expect.stringContaining('readinessProbe') }),
          expect.objectContaining({ rule: 'probes/missing', object: 'Deployment/ingestion', message: expect.stringContaining('livenessProbe') }),
        ]),
      );
    });

    it('reports probes on the wrong paths, requests without limits in a CronJob, and a CronJob that may overlap', () => {
      const objs = fresh();
      container(objs).readinessProbe.httpGet.path = '/health';
      const cron = objs.find((o) => o.kind === 'CronJob')!;
      delete cron.spec.jobTemplate.spec.template.spec.containers[0].resources.limits.memory;
      cron.spec.concurrencyPolicy = 'Allow';
      expect(rulesOf(objs)).toEqual(expect.arrayContaining(['probes/paths Deployment/ingestion', `resources/set ${ref(cron)}`, `cronjob/policy ${ref(cron)}`]));
    });

    it('reports root, privilege escalation, a writable root filesystem, kept capabilities and a missing /tmp', () => {
      const objs = fresh();
      const c = container(objs);
      deployment(objs).spec.template.spec.securityContext.runAsNonRoot = false;
      delete c.securityContext.runAsNonRoot;
      c.securityContext.allowPrivilegeEscalation = true;
      c.securityContext.capabilities.drop = [];
      c.volumeMounts = [];
      const rules = rulesOf(objs);
      for (const rule of ['security/non-root', 'security/privilege-escalation', 'security/capabilities', 'volumes/tmp']) expect(rules).toContain(`${rule} Deployment/ingestion`);
      c.securityContext.readOnlyRootFilesystem = false;
      expect(rulesOf(objs)).toContain('security/read-only-root Deployment/ingestion');
    });

    it('reports :latest, untagged and unregistered production images', () => {
      for (const image of [
        'us-east1-docker.pkg.dev/propcast-prod/propcast/ingestion:latest',
        'us-east1-docker.pkg.dev/propcast-prod/propcast/ingestion',
        'propcast/ingestion:0.1.0',
        'us-east1-docker.pkg.dev/propcast-prod/propcast/ingestion:main',
      ]) {
        const objs = fresh();
        container(objs).image = image;
        expect(`${image}: ${rulesOf(objs).includes('image/pinned Deployment/ingestion')}`).toBe(`${image}: true`);
      }
    });

    it('reports a Deployment no PodDisruptionBudget covers', () => {
      const objs = fresh().filter((o) => !(o.kind === 'PodDisruptionBudget' && o.metadata.name === 'trainer'));
      expect(rulesOf(objs)).toContain('pdb/coverage Deployment/trainer');
    });

    it('reports a NetworkPolicy whose selectors match nothing, and a missing default deny', () => {
      const objs = fresh();
      const np = objs.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'allow-push-ingress')!;
      np.spec.podSelector.matchLabels['app.kubernetes.io/name'] = 'prediction-coordinatr';
      expect(rulesOf(objs)).toEqual(expect.arrayContaining(['netpol/selector NetworkPolicy/allow-push-ingress', 'netpol/push Deployment/prediction-coordinator']));
      const noDeny = fresh().filter((o) => !(o.kind === 'NetworkPolicy' && o.metadata.name === 'default-deny-all'));
      expect(rulesOf(noDeny)).toContain('netpol/default-deny NetworkPolicy/*');
    });

    it('reports replicas fighting an autoscaler, literal secrets, and a rendered Secret', () => {
      const objs = fresh();
      deployment(objs, 'prediction-worker').spec.replicas = 3;
      container(objs).env.push({ name: 'DATABASE_URL', value: 'postgresql://u:p@db/propcast' });
      objs.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'propcast-secrets', namespace: 'propcast' } });
      expect(rulesOf(objs)).toEqual(expect.arrayContaining(['scaling/replicas Deployment/prediction-worker', 'secrets/literal Deployment/ingestion', 'secrets/rendered Secret/propcast-secrets']));
    });

    it('reports a service without API_KEYS from the Secret, AUTH_DISABLED, and (prod) push without OIDC checks', () => {
      const objs = fresh();
      const ingestion = container(objs).env;
      ingestion.splice(
        ingestion.findIndex((e: any) => e.name === 'API_KEYS'),
        1,
      );
      container(objs, 'trainer').env.find((e: any) => e.name === 'API_KEYS').valueFrom.secretKeyRef.optional = true;
      container(objs, 'feature-store').env.push({ name: 'AUTH_DISABLED', value: 'true' });
      const coordinator = container(objs, 'prediction-coordinator').env;
      coordinator.splice(
        coordinator.findIndex((e: any) => e.name === 'PUSH_SERVICE_ACCOUNT'),
        1,
      );
      objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('propcast-config'))!['data'] = { AUTH_DISABLED: 'true' };
      expect(rulesOf(objs)).toEqual(
        expect.arrayContaining([
          'auth/api-keys Deployment/ingestion',
          'auth/api-keys Deployment/trainer',
          'auth/disabled Deployment/feature-store',
          'auth/push-oidc Deployment/prediction-coordinator',
          expect.stringMatching(/^auth\/disabled ConfigMap\/propcast-config/),
        ]),
      );
    });

    it('reports the trainer scheduler left on next to the CronJobs', () => {
      const objs = fresh();
      const env = container(objs, 'trainer').env;
      env.splice(
        env.findIndex((e: any) => e.name === 'TRAINER_SCHEDULER_ENABLED'),
        1,
      );
      expect(rulesOf(objs)).toContain('cronjob/single-scheduler Deployment/trainer');
    });

    it('schema validation rejects a wrong type and the strict check an unknown field', () => {
      const objs = fresh();
      const d = deployment(objs);
      d.spec.template.spec.containers[0].resources.limits.cpu = 'one';
      expect(
        validateSchema(d)
          .map((f) => f.message)
          .join('\n'),
      ).toMatch(/resources\/limits\/cpu/);
      const d2 = deployment(fresh());
      d2.spec.template.spec.containers[0].readynessProbe = d2.spec.template.spec.containers[0].readinessProbe;
      expect(new StrictFieldChecker([d2]).check(d2).map((f) => f.message)).toEqual(['unknown field spec.template.spec.containers[0].readynessProbe']);
      const so = structuredClone(base.find((o) => o.kind === 'ScaledObject')!);
      so.spec.minReplicaCount = 'one';
      expect(validateSchema(so).length).toBeGreaterThan(0);
      const sub = structuredClone(base.find((o) => o.kind === 'PubSubSubscription')!);
      sub.spec.ackDeadlineSecond = 60;
      expect(
        validateSchema(sub)
          .map((f) => f.message)
          .join('\n'),
      ).toMatch(/ackDeadlineSecond/);
    });

    it('every object kind of every environment has a schema', () => {
      const missing = [
        ...new Set(
          ENVIRONMENTS.flatMap(environment)
            .filter((o) => !hasSchema(o))
            .map((o) => `${o.apiVersion} ${o.kind}`),
        ),
      ];
      expect(missing).toEqual([]);
    });

    it('podTemplates finds Deployment, Job and CronJob pods', () => {
      const kinds = new Set(podTemplates(base).map((t) => t.owner.kind));
      expect([...kinds].sort()).toEqual(['CronJob', 'Deployment', 'Job']);
    });
  });
});
