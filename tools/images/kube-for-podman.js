// Turns the rendered k8s/overlays/local into what `podman play kube` can run on one machine, and says what it
// dropped or rewrote (podman has no Services, NetworkPolicies, autoscalers, service accounts, CronJobs...).
// Usage: node kube-for-podman.js <rendered.yaml> <out.yaml> --database-url U --redis-url U --api-keys K
//        --port-base N (service i listens on N+i+1) --volume <podman volume for the artifacts claim>
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const YAML = require('yaml');

const [input, output, ...rest] = process.argv.slice(2);
const opt = {};
for (let i = 0; i < rest.length; i += 2) opt[rest[i].replace(/^--/, '')] = rest[i + 1];
for (const k of ['database-url', 'redis-url', 'api-keys', 'port-base', 'volume']) if (!opt[k]) throw new Error(`--${k} is required`);
const SERVICES = ['ingestion', 'feature-store', 'trainer', 'prediction-coordinator', 'prediction-worker', 'api'];
const SECRET = { DATABASE_URL: opt['database-url'], REDIS_URL: opt['redis-url'], API_KEYS: opt['api-keys'] };

const docs = YAML.parseAllDocuments(readFileSync(input, 'utf8'))
  .map((d) => d.toJSON())
  .filter(Boolean);
const kept = [];
const dropped = new Map();
const notes = new Set();
const drop = (doc, why) => dropped.set(`${doc.kind} ${why}`, [...(dropped.get(`${doc.kind} ${why}`) ?? []), doc.metadata.name]);

for (const doc of docs) {
  if (doc.kind === 'ConfigMap') {
    delete doc.metadata.namespace;
    kept.push(doc);
    continue;
  }
  if (doc.kind !== 'Deployment') {
    drop(doc, 'not run by podman play kube');
    continue;
  }
  const name = doc.metadata.name;
  const idx = SERVICES.indexOf(name);
  if (idx < 0) {
    drop(doc, 'datastore from a registry image (the host Postgres and a private Redis serve instead)');
    continue;
  }
  const port = Number(opt['port-base']) + idx + 1;
  const pod = doc.spec.template.spec;
  delete doc.metadata.namespace;
  if (doc.spec.replicas !== 1) notes.add(`replicas of ${name} (${doc.spec.replicas ?? 'unset: HPA/KEDA'}) -> 1: podman runs one pod per Deployment`);
  doc.spec.replicas = 1;
  // The host's Postgres listens on loopback only: the pods share the host network (hostPort needs a pod network).
  pod.hostNetwork = true;
  for (const field of ['serviceAccountName', 'topologySpreadConstraints', 'automountServiceAccountToken']) if (field in pod) notes.add(`spec.${field}: ignored by podman`);
  for (const vol of pod.volumes ?? []) {
    if (vol.persistentVolumeClaim) vol.persistentVolumeClaim.claimName = opt.volume;
  }
  for (const c of pod.containers) {
    c.image = `localhost/${c.image}`;
    c.imagePullPolicy = 'Never';
    // On the host network podman refuses port mappings: no ports; probes name the port by number.
    delete c.ports;
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) if (c[probe]?.httpGet) c[probe].httpGet.port = port;
    c.env = (c.env ?? []).flatMap((e) => {
      if (e.name === 'PORT') return [{ name: 'PORT', value: String(port) }];
      const ref = e.valueFrom?.secretKeyRef;
      if (!ref) return [e];
      if (SECRET[ref.key] !== undefined) return [{ name: e.name, value: SECRET[ref.key] }];
      return ref.optional
        ? []
        : (() => {
            throw new Error(`${name}: no value for required secret key ${ref.key}`);
          })();
    });
    if (c.lifecycle) notes.add('lifecycle.preStop hooks: ignored by podman');
    if (c.readinessProbe) notes.add('readinessProbe / startupProbe: ignored by podman (test:images polls /health/ready itself)');
    if (c.livenessProbe) notes.add('livenessProbe: becomes a podman healthcheck, run only by hand (podman healthcheck run)');
  }
  kept.push(doc);
}
// ConfigMaps only what a kept Deployment reads (e.g. the collectors' one serves CronJobs, which podman does not run).
const referenced = new Set();
for (const d of kept.filter((k) => k.kind === 'Deployment')) {
  const pod = d.spec.template.spec;
  for (const v of pod.volumes ?? []) if (v.configMap) referenced.add(v.configMap.name);
  for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
    for (const f of c.envFrom ?? []) if (f.configMapRef) referenced.add(f.configMapRef.name);
    for (const e of c.env ?? []) if (e.valueFrom?.configMapKeyRef) referenced.add(e.valueFrom.configMapKeyRef.name);
  }
}
for (let i = kept.length - 1; i >= 0; i--) {
  if (kept[i].kind === 'ConfigMap' && !referenced.has(kept[i].metadata.name)) drop(kept.splice(i, 1)[0], 'read by no Deployment played (CronJobs are not run)');
}
notes.add('Secret propcast-secrets: its keys are written into the env (DATABASE_URL, REDIS_URL, API_KEYS; optional keys left out)');
notes.add('PersistentVolumeClaim propcast-artifacts: a podman named volume');
notes.add('containerPort / hostPort: dropped (hostNetwork: the host Postgres listens on loopback only); PORT moved to a free port');
writeFileSync(output, kept.map((d) => YAML.stringify(d)).join('---\n'));
console.log(`  play kube: ${kept.filter((d) => d.kind === 'Deployment').length} Deployments and ${kept.filter((d) => d.kind === 'ConfigMap').length} ConfigMap kept (${output})`);
for (const [why, names] of dropped) console.log(`  not played: ${why}: ${names.join(', ')}`);
for (const n of notes) console.log(`  rewritten/ignored: ${n}`);
