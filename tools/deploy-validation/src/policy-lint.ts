import { containersOf, mapSelectorMatches, podTemplates, ref, selectorMatches, type Finding, type K8sObject, type LabelSelector } from './manifests';

/**
 * Deployment policy of Propcast, checked on rendered manifests (one environment = the app overlay plus
 * its migration overlay). Each rule has an id used in messages and in docs/operations.md.
 */
export interface LintOptions {
  /** `prod` adds production-only rules (registry images, Workload Identity, Google APIs egress...). */
  environment: string;
  /** The only Secret names workloads may reference (created out of band, never rendered). */
  allowedSecrets?: string[];
}

const DEFAULT_SECRETS = ['propcast-secrets'];
/** Our own services: HTTP probes on the standard paths, named `http` port. */
export const PROPCAST_SERVICES = ['ingestion', 'feature-store', 'trainer', 'prediction-coordinator', 'prediction-worker'];
const SECRET_LIKE_ENV = /(PASSWORD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|CREDENTIALS|^DATABASE_URL$|^REDIS_URL$)/;

export function lintManifests(objects: K8sObject[], opts: LintOptions): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: string, obj: K8sObject, message: string) => findings.push({ rule, object: ref(obj), message });
  const templates = podTemplates(objects);
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const allowedSecrets = opts.allowedSecrets ?? DEFAULT_SECRETS;

  // --- every pod template --------------------------------------------------------------------------
  for (const t of templates) {
    const o = t.owner;
    const pod = t.spec;
    const isDeployment = o.kind === 'Deployment';
    const appName = t.labels['app.kubernetes.io/name'];
    const ours = PROPCAST_SERVICES.includes(appName) && isDeployment;
    const podSec = pod.securityContext ?? {};

    if (podSec.seccompProfile?.type !== 'RuntimeDefault' && !pod.containers?.every((c: any) => c.securityContext?.seccompProfile?.type === 'RuntimeDefault')) {
      add('security/seccomp', o, `${t.path}.securityContext.seccompProfile.type must be RuntimeDefault`);
    }
    if (pod.hostNetwork || pod.hostPID || pod.hostIPC) add('security/host-namespaces', o, 'hostNetwork/hostPID/hostIPC are not allowed');
    if (pod.automountServiceAccountToken !== false) {
      add('security/sa-token', o, `${t.path}.automountServiceAccountToken must be false (no workload talks to the Kubernetes API)`);
    }
    if (pod.terminationGracePeriodSeconds === undefined) add('lifecycle/grace', o, `${t.path}.terminationGracePeriodSeconds must be set`);
    if (appName === 'prediction-worker' && (pod.terminationGracePeriodSeconds ?? 30) < 120) {
      add('lifecycle/grace', o, 'the worker needs terminationGracePeriodSeconds >= 120 to finish or return its BullMQ jobs');
    }

    const volumes = new Map<string, any>(((pod.volumes ?? []) as any[]).map((v) => [v.name, v]));
    const ports = new Set<string>();
    for (const { container: c } of containersOf(pod)) for (const p of c.ports ?? []) if (p.name) ports.add(p.name);

    for (const { container: c, init } of containersOf(pod)) {
      const where = `container ${c.name}`;
      // resources
      for (const kind of ['requests', 'limits'] as const) {
        for (const res of ['cpu', 'memory']) {
          if (c.resources?.[kind]?.[res] === undefined) add('resources/set', o, `${where}: resources.${kind}.${res} is not set`);
        }
      }
      for (const res of ['cpu', 'memory']) {
        const req = c.resources?.requests?.[res];
        const lim = c.resources?.limits?.[res];
        if (req !== undefined && lim !== undefined && parseQuantity(req) > parseQuantity(lim)) {
          add('resources/set', o, `${where}: ${res} request ${req} exceeds its limit ${lim}`);
        }
      }
      // security context
      const sc = c.securityContext ?? {};
      const runAsNonRoot = sc.runAsNonRoot ?? podSec.runAsNonRoot;
      const runAsUser = sc.runAsUser ?? podSec.runAsUser;
      if (runAsNonRoot !== true) add('security/non-root', o, `${where}: runAsNonRoot must be true`);
      if (runAsUser === 0) add('security/non-root', o, `${where}: runAsUser must not be 0`);
      if (runAsUser === undefined) add('security/non-root', o, `${where}: set a numeric runAsUser (images with a named USER cannot be verified as non-root)`);
      if (sc.allowPrivilegeEscalation !== false) add('security/privilege-escalation', o, `${where}: allowPrivilegeEscalation must be false`);
      if (sc.privileged) add('security/privileged', o, `${where}: privileged containers are not allowed`);
      if (sc.readOnlyRootFilesystem !== true) add('security/read-only-root', o, `${where}: readOnlyRootFilesystem must be true`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) add('security/capabilities', o, `${where}: capabilities.drop must include ALL`);
      if ((sc.capabilities?.add ?? []).length) add('security/capabilities', o, `${where}: capabilities.add is not allowed`);
      // writable paths
      const mounts = (c.volumeMounts ?? []) as any[];
      for (const m of mounts) if (!volumes.has(m.name)) add('volumes/missing', o, `${where}: volumeMount ${m.name} has no volume`);
      if (sc.readOnlyRootFilesystem === true) {
        const tmp = mounts.find((m) => m.mountPath === '/tmp');
        if (!tmp || tmp.readOnly === true) add('volumes/tmp', o, `${where}: with a read-only root filesystem, /tmp must be a writable volume (emptyDir)`);
        else if (!volumes.get(tmp.name)?.emptyDir) add('volumes/tmp', o, `${where}: /tmp should be an emptyDir`);
      }
      // image
      const img = checkImage(c.image, opts.environment);
      if (img) add('image/pinned', o, `${where}: ${img}`);
      // env and secrets
      for (const e of c.env ?? []) {
        if (e.value !== undefined && SECRET_LIKE_ENV.test(e.name)) {
          add('secrets/literal', o, `${where}: env ${e.name} looks secret: read it with secretKeyRef, never a literal value`);
        }
        const secretName = e.valueFrom?.secretKeyRef?.name;
        if (secretName && !allowedSecrets.includes(secretName)) add('secrets/reference', o, `${where}: env ${e.name} reads unknown Secret ${secretName}`);
        const cmName = e.valueFrom?.configMapKeyRef?.name;
        if (cmName && !objects.some((x) => x.kind === 'ConfigMap' && x.metadata.name === cmName)) {
          add('config/reference', o, `${where}: env ${e.name} reads ConfigMap ${cmName}, which is not rendered`);
        }
      }
      for (const ef of c.envFrom ?? []) {
        if (ef.configMapRef && !objects.some((x) => x.kind === 'ConfigMap' && x.metadata.name === ef.configMapRef.name)) {
          add('config/reference', o, `${where}: envFrom ConfigMap ${ef.configMapRef.name} is not rendered`);
        }
        if (ef.secretRef && !allowedSecrets.includes(ef.secretRef.name)) add('secrets/reference', o, `${where}: envFrom unknown Secret ${ef.secretRef.name}`);
      }
      // probes (long-running workloads only; Jobs end by themselves)
      if (!init && isDeployment) {
        for (const probe of ['readinessProbe', 'livenessProbe'] as const) {
          const p = c[probe];
          if (!p) {
            add('probes/missing', o, `${where}: ${probe} is missing`);
            continue;
          }
          const port = p.httpGet?.port ?? p.tcpSocket?.port ?? p.grpc?.port;
          if (typeof port === 'string' && !ports.has(port)) add('probes/port', o, `${where}: ${probe} uses port ${port}, which the pod does not declare`);
        }
        if (ours) {
          if (c.readinessProbe?.httpGet?.path !== '/health/ready') add('probes/paths', o, `${where}: readinessProbe must GET /health/ready`);
          if (c.livenessProbe?.httpGet?.path !== '/health') add('probes/paths', o, `${where}: livenessProbe must GET /health`);
          if (!(c.ports ?? []).some((p: any) => p.name === 'http')) add('ports/http', o, `${where}: the service port must be named http`);
        }
      }
    }

    // ServiceAccount
    const sa = pod.serviceAccountName;
    if (sa && sa !== 'default' && !objects.some((x) => x.kind === 'ServiceAccount' && x.metadata.name === sa)) {
      add('serviceaccount/missing', o, `serviceAccountName ${sa} is not rendered`);
    }
    if (ours && !sa) add('serviceaccount/missing', o, 'Propcast services run under their own ServiceAccount');

    if (isDeployment) {
      // topology spread
      const tsc = (pod.topologySpreadConstraints ?? []) as any[];
      if (!tsc.length) add('topology/spread', o, `${t.path}.topologySpreadConstraints is missing`);
      for (const c of tsc) {
        if (!selectorMatches(c.labelSelector, t.labels)) add('topology/spread', o, `topologySpreadConstraint on ${c.topologyKey} does not select the pods it spreads`);
      }
    }
  }

  // --- Deployments: PDB coverage, autoscaling ownership ----------------------------------------------
  const pdbs = byKind('PodDisruptionBudget');
  const scalers = [
    ...byKind('HorizontalPodAutoscaler').map((h) => ({ obj: h, target: h.spec?.scaleTargetRef })),
    ...objects.filter((o) => o.apiVersion?.startsWith('keda.sh/') && o.kind === 'ScaledObject').map((s) => ({ obj: s, target: s.spec?.scaleTargetRef })),
  ];
  for (const d of [...byKind('Deployment'), ...byKind('StatefulSet')]) {
    const labels = d.spec?.template?.metadata?.labels ?? {};
    const covering = pdbs.filter((p) => selectorMatches(p.spec?.selector, labels));
    if (covering.length === 0) add('pdb/coverage', d, 'no PodDisruptionBudget selects its pods');
    if (covering.length > 1) add('pdb/coverage', d, `selected by ${covering.length} PodDisruptionBudgets (the eviction API refuses pods with several)`);
    const scaledBy = scalers.filter((s) => s.target?.name === d.metadata.name && (s.target?.kind ?? 'Deployment') === d.kind);
    if (scaledBy.length && d.spec?.replicas !== undefined) {
      add('scaling/replicas', d, `spec.replicas is set but ${scaledBy.map((s) => ref(s.obj)).join(', ')} owns the replica count (apply would fight the autoscaler)`);
    }
    if (scaledBy.length > 1) add('scaling/target', d, `scaled by several autoscalers: ${scaledBy.map((s) => ref(s.obj)).join(', ')}`);
  }
  for (const p of pdbs) {
    if (!templates.some((t) => selectorMatches(p.spec?.selector, t.labels))) add('pdb/selector', p, 'selects no pods');
  }
  for (const s of scalers) {
    const target = objects.find((o) => o.kind === (s.target?.kind ?? 'Deployment') && o.metadata.name === s.target?.name);
    if (!target) {
      add('scaling/target', s.obj, `scaleTargetRef ${s.target?.kind}/${s.target?.name} is not rendered`);
      continue;
    }
    const usesCpu = (s.obj.spec?.metrics ?? []).some((m: any) => m.resource?.name === 'cpu') || (s.obj.spec?.triggers ?? []).some((t: any) => t.type === 'cpu');
    const hasCpuRequests = (target.spec?.template?.spec?.containers ?? []).every((c: any) => c.resources?.requests?.cpu);
    if (usesCpu && !hasCpuRequests) add('scaling/target', s.obj, 'scales on CPU utilisation but the target has no CPU requests');
  }

  // --- Services -------------------------------------------------------------------------------------
  for (const s of byKind('Service')) {
    const matched = templates.filter((t) => mapSelectorMatches(s.spec?.selector, t.labels));
    if (!matched.length) {
      add('service/selector', s, 'selects no pods');
      continue;
    }
    for (const port of s.spec?.ports ?? []) {
      if (typeof port.targetPort === 'string') {
        const declared = matched.some((t) => containersOf(t.spec).some(({ container }) => (container.ports ?? []).some((p: any) => p.name === port.targetPort)));
        if (!declared) add('service/port', s, `targetPort ${port.targetPort} is not a named port of the selected pods`);
      }
    }
  }

  // --- Network policy -------------------------------------------------------------------------------
  const policies = byKind('NetworkPolicy');
  if (templates.length && !policies.some(isDefaultDeny)) {
    findings.push({ rule: 'netpol/default-deny', object: 'NetworkPolicy/*', message: 'no default-deny policy (podSelector {} with Ingress and Egress and no rules)' });
  }
  for (const p of policies) {
    const sel = p.spec?.podSelector as LabelSelector | undefined;
    const selectsAll = !sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length);
    if (!selectsAll && !templates.some((t) => selectorMatches(sel, t.labels))) add('netpol/selector', p, 'spec.podSelector selects no pods');
    for (const [dir, rules] of [
      ['from', p.spec?.ingress],
      ['to', p.spec?.egress],
    ] as const) {
      for (const rule of (rules ?? []) as any[]) {
        for (const peer of rule[dir] ?? []) {
          if (peer.podSelector && !peer.namespaceSelector && !templates.some((t) => selectorMatches(peer.podSelector, t.labels))) {
            add('netpol/selector', p, `${dir} podSelector ${JSON.stringify(peer.podSelector)} selects no pods`);
          }
        }
        if (dir === 'to' && !(rule.to ?? []).length && !isDns(rule)) add('netpol/open-egress', p, 'an egress rule without `to` allows every destination');
        if (dir === 'from' && !(rule.from ?? []).length) add('netpol/open-ingress', p, 'an ingress rule without `from` allows every source');
      }
    }
  }
  if (policies.length) {
    for (const t of templates) {
      const egress = policies.filter((p) => (p.spec?.policyTypes ?? []).includes('Egress') && selectorMatches(p.spec?.podSelector ?? {}, t.labels));
      if (!egress.some((p) => (p.spec?.egress ?? []).some(isDns))) add('netpol/dns', t.owner, 'no egress policy allows DNS for its pods');
      if (t.labels['app.kubernetes.io/part-of'] === 'propcast') {
        for (const port of [5432, 6379]) {
          if (!egress.some((p) => (p.spec?.egress ?? []).some((r: any) => (r.ports ?? []).some((x: any) => x.port === port)))) {
            add('netpol/datastores', t.owner, `no egress policy allows port ${port} (${port === 5432 ? 'Postgres' : 'Redis'})`);
          }
        }
        if (opts.environment === 'prod' && t.labels['app.kubernetes.io/name'] !== 'migrate') {
          if (!egress.some((p) => (p.spec?.egress ?? []).some((r: any) => (r.ports ?? []).some((x: any) => x.port === 443)))) {
            add('netpol/google-apis', t.owner, 'no egress policy allows HTTPS to Google APIs (Pub/Sub, Cloud Storage)');
          }
        }
      }
    }
    const coordinator = templates.find((t) => t.labels['app.kubernetes.io/name'] === 'prediction-coordinator' && t.owner.kind === 'Deployment');
    if (coordinator && opts.environment === 'prod') {
      const ingress = policies.filter(
        (p) =>
          (p.spec?.policyTypes ?? []).includes('Ingress') &&
          selectorMatches(p.spec?.podSelector ?? {}, coordinator.labels) &&
          (p.spec?.ingress ?? []).some((r: any) => (r.from ?? []).some((f: any) => f.ipBlock)),
      );
      if (!ingress.length) add('netpol/push', coordinator.owner, 'no ingress policy lets the load balancer (Pub/Sub push) reach the coordinator');
    }
  }

  // --- Secrets, namespace, Workload Identity, CronJobs ----------------------------------------------
  for (const s of byKind('Secret')) add('secrets/rendered', s, 'Secrets must not live in the repository: create them out of band (docs/operations.md "Secrets")');
  for (const ns of byKind('Namespace')) {
    if (ns.metadata.labels?.['pod-security.kubernetes.io/enforce'] !== 'restricted') add('namespace/pss', ns, 'enforce the restricted Pod Security Standard');
  }
  if (opts.environment === 'prod') {
    for (const sa of byKind('ServiceAccount').filter((s) => PROPCAST_SERVICES.includes(s.metadata.name))) {
      if (!sa.metadata.annotations?.['iam.gke.io/gcp-service-account']?.endsWith('.iam.gserviceaccount.com')) {
        add('workload-identity', sa, 'annotation iam.gke.io/gcp-service-account (Workload Identity) is missing');
      }
    }
  }
  lintApiAuth(objects, opts, add);
  const cronJobs = byKind('CronJob');
  for (const cj of cronJobs) {
    if (cj.spec?.concurrencyPolicy !== 'Forbid') add('cronjob/policy', cj, 'concurrencyPolicy must be Forbid');
    if (cj.spec?.startingDeadlineSeconds === undefined) add('cronjob/policy', cj, 'startingDeadlineSeconds must be set (missed runs must not pile up)');
    if (cj.spec?.successfulJobsHistoryLimit === undefined || cj.spec?.failedJobsHistoryLimit === undefined) add('cronjob/policy', cj, 'set the job history limits');
    if (!cj.spec?.timeZone) add('cronjob/policy', cj, 'set spec.timeZone (schedules must not depend on the controller clock)');
  }
  const trainer = byKind('Deployment').find((d) => d.metadata.name === 'trainer');
  if (cronJobs.length && trainer) {
    const env = trainer.spec?.template?.spec?.containers?.[0]?.env ?? [];
    if (!env.some((e: any) => e.name === 'TRAINER_SCHEDULER_ENABLED' && e.value === 'false')) {
      add('cronjob/single-scheduler', trainer, 'CronJobs run the schedule: the trainer must set TRAINER_SCHEDULER_ENABLED=false');
    }
  }
  return findings;
}

/**
 * API authentication (issue 13): every service reads API_KEYS from the Secret (required, so a pod without keys never
 * starts open), nothing sets AUTH_DISABLED=true, and in prod the coordinator verifies Pub/Sub push tokens (audience and
 * service account), since /pubsub/push takes no API key.
 */
function lintApiAuth(objects: K8sObject[], opts: LintOptions, add: (rule: string, obj: K8sObject, message: string) => void): void {
  const allowedSecrets = opts.allowedSecrets ?? DEFAULT_SECRETS;
  for (const t of podTemplates(objects).filter((x) => x.owner.kind === 'Deployment' && PROPCAST_SERVICES.includes(x.labels['app.kubernetes.io/name']))) {
    const env: any[] = t.spec.containers?.[0]?.env ?? [];
    const keys = env.find((e) => e.name === 'API_KEYS')?.valueFrom?.secretKeyRef;
    if (!keys || !allowedSecrets.includes(keys.name)) add('auth/api-keys', t.owner, 'API_KEYS must come from the Secret (secretKeyRef propcast-secrets)');
    else if (keys.optional === true) add('auth/api-keys', t.owner, 'API_KEYS must not be optional: a pod without keys must not start');
    if (env.some((e) => e.name === 'AUTH_DISABLED' && e.value !== 'false')) add('auth/disabled', t.owner, 'AUTH_DISABLED opens every route: never set it in a cluster');
  }
  for (const cm of objects.filter((o) => o.kind === 'ConfigMap')) {
    for (const name of ['AUTH_DISABLED', 'API_KEYS', 'READ_API_KEYS']) {
      const value = (cm['data'] as Record<string, string> | undefined)?.[name];
      if (value === undefined || (name === 'AUTH_DISABLED' && value === 'false')) continue;
      add(
        name === 'AUTH_DISABLED' ? 'auth/disabled' : 'secrets/literal',
        cm,
        `${name} must not be in a ConfigMap (${name === 'AUTH_DISABLED' ? 'it opens every route' : 'keys come from the Secret'})`,
      );
    }
  }
  const coordinator = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'prediction-coordinator');
  if (coordinator && opts.environment === 'prod') {
    const env: any[] = coordinator.spec?.template?.spec?.containers?.[0]?.env ?? [];
    for (const name of ['PUSH_AUDIENCE', 'PUSH_SERVICE_ACCOUNT']) {
      const e = env.find((x) => x.name === name);
      if (!e || (e.value !== undefined && e.value.trim() === '')) add('auth/push-oidc', coordinator, `${name} must be set: /pubsub/push takes no API key, its OIDC token is the credential`);
    }
  }
}

function isDefaultDeny(p: K8sObject): boolean {
  const sel = p.spec?.podSelector ?? {};
  const empty = !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length;
  const types: string[] = p.spec?.policyTypes ?? [];
  return empty && types.includes('Ingress') && types.includes('Egress') && !(p.spec?.ingress ?? []).length && !(p.spec?.egress ?? []).length;
}

function isDns(rule: any): boolean {
  return (rule.ports ?? []).some((p: any) => p.port === 53);
}

/** Image reference policy: explicit tag or digest, never latest; prod: our images from the registry, versioned. */
export function checkImage(image: string | undefined, environment: string): string | undefined {
  if (!image) return 'no image';
  const digest = image.includes('@sha256:');
  const lastSegment = image.split('/').pop() ?? image;
  const tag = lastSegment.includes(':') ? lastSegment.split(':').pop()!.split('@')[0] : undefined;
  if (!digest && !tag) return `image ${image} has no tag (implicitly :latest)`;
  if (tag === 'latest') return `image ${image} uses :latest`;
  const ours = image.includes('propcast/');
  if (environment === 'prod') {
    if (ours && image.startsWith('propcast/')) return `image ${image} is not from the production registry (set it in overlays/prod/release)`;
    if (!digest && !/^v?\d+\.\d+\.\d+([-+.][\w.-]+)?$/.test(tag ?? '')) return `image ${image}: production tags must be a version (x.y.z) or a digest`;
  } else if (!ours && !digest && !/\d/.test(tag ?? '')) {
    return `image ${image}: third-party images need a version tag`;
  }
  return undefined;
}

/** Kubernetes quantity → number (cores / bytes), for request ≤ limit comparisons. */
export function parseQuantity(q: string | number): number {
  if (typeof q === 'number') return q;
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(String(q));
  if (!m) return NaN;
  const n = Number(m[1]);
  const units: Record<string, number> = {
    '': 1,
    m: 1e-3,
    k: 1e3,
    K: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
  };
  return n * (units[m[2]] ?? NaN);
}
