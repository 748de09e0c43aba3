import { parse } from 'yaml';
import { parseDockerfile } from './dockerfile-lint';
import { checkImage } from './policy-lint';
import type { Finding } from './manifests';

/** docker-compose.yml checks: every build target exists, dependencies resolve, the stack is wired and hardened. */
export function lintCompose(composeText: string, dockerfiles: Record<string, string>, services: string[]): Finding[] {
  const findings: Finding[] = [];
  const add = (object: string, message: string) => findings.push({ rule: 'compose', object, message });
  const doc = parse(composeText, { merge: true }) as { services?: Record<string, any> };
  const all = doc?.services ?? {};
  if (!Object.keys(all).length) return [{ rule: 'compose', object: 'docker-compose.yml', message: 'no services' }];

  for (const [name, svc] of Object.entries(all)) {
    const where = `service ${name}`;
    if (svc.build) {
      const file = svc.build.dockerfile ?? 'Dockerfile';
      const text = dockerfiles[file];
      if (!text) add(where, `build.dockerfile ${file} not found`);
      else if (!parseDockerfile(text).stages.some((s) => s.name === svc.build.target)) add(where, `build target ${svc.build.target} is not a stage of ${file}`);
    } else {
      const problem = checkImage(svc.image, 'local');
      if (problem) add(where, problem);
    }
    for (const dep of Object.keys(svc.depends_on ?? {})) if (!all[dep]) add(where, `depends_on ${dep}, which is not a service`);
    if (svc.build) {
      if (svc.read_only !== true) add(where, 'read_only: true (as in Kubernetes)');
      if (!(svc.cap_drop ?? []).includes('ALL')) add(where, 'cap_drop: [ALL]');
      if (!(svc.security_opt ?? []).some((o: string) => /no-new-privileges/.test(o))) add(where, 'security_opt: no-new-privileges');
      if (!(svc.tmpfs ?? []).includes('/tmp')) add(where, 'tmpfs: [/tmp] (read-only root filesystem)');
    }
  }
  const hostPorts = new Map<string, string>();
  for (const [name, svc] of Object.entries(all)) {
    for (const p of svc.ports ?? []) {
      const host = String(p).split(':').slice(0, -1).join(':');
      if (hostPorts.has(host)) add(`service ${name}`, `host port ${host} already used by ${hostPorts.get(host)}`);
      hostPorts.set(host, name);
    }
  }
  for (const name of services) {
    const svc = all[name];
    if (!svc) {
      add(`service ${name}`, 'missing from docker-compose.yml');
      continue;
    }
    const deps = svc.depends_on ?? {};
    if (deps.migrate?.condition !== 'service_completed_successfully') add(`service ${name}`, 'must wait for migrate (condition: service_completed_successfully)');
    for (const store of ['postgres', 'redis']) if (deps[store]?.condition !== 'service_healthy') add(`service ${name}`, `must wait for ${store} to be healthy`);
    for (const v of ['DATABASE_URL', 'REDIS_URL']) if (!svc.environment?.[v]) add(`service ${name}`, `environment ${v} is not set`);
    // Services refuse to start without keys; compose must ask for them rather than ship a known one.
    if (!/^\$\{[A-Z0-9_]+:\?[^}]+\}$/.test(String(svc.environment?.['API_KEYS'] ?? ''))) {
      add(`service ${name}`, 'environment API_KEYS must come from a required variable (${PROPCAST_API_KEYS:?...}), never a literal');
    }
  }
  if (!all.migrate) add('service migrate', 'the one-shot migration service is missing');
  for (const store of ['postgres', 'redis']) if (all[store] && !all[store].healthcheck) add(`service ${store}`, 'needs a healthcheck (services wait for service_healthy)');
  return findings;
}
