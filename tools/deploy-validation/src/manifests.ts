import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** Repository root (tools/deploy-validation/src → ../../..). */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** A rendered Kubernetes object (only the fields the checks read are typed). */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  [key: string]: unknown;
}

/** A problem found by a check: which rule, on which object, and what to do. */
export interface Finding {
  rule: string;
  object: string;
  message: string;
}

export function ref(obj: K8sObject): string {
  return `${obj.kind}/${obj.metadata?.name ?? '<unnamed>'}`;
}

/** Formats findings one per line (for assertion messages). */
export function formatFindings(findings: Finding[]): string {
  return findings.map((f) => `  [${f.rule}] ${f.object}: ${f.message}`).join('\n');
}

/** The kubectl binary (override with KUBECTL=/path/to/kubectl). */
const KUBECTL = process.env.KUBECTL || 'kubectl';
let kubectlChecked: boolean | undefined;

/** True when `kubectl` (with its built-in kustomize) can be run. */
export function kubectlAvailable(): boolean {
  if (kubectlChecked === undefined) {
    try {
      execFileSync(KUBECTL, ['version', '--client'], { stdio: 'ignore' });
      kubectlChecked = true;
    } catch {
      kubectlChecked = false;
    }
  }
  return kubectlChecked;
}

/**
 * Every directory under k8s/overlays with a kustomization.yaml of kind Kustomization (Components such as
 * `release` are not renderable on their own), relative to the repository root.
 */
export function discoverOverlays(root = join(REPO_ROOT, 'k8s/overlays')): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    const file = join(dir, 'kustomization.yaml');
    if (existsSync(file) && !/^kind:\s*Component\s*$/m.test(readFileSync(file, 'utf8'))) found.push(relative(REPO_ROOT, dir));
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) visit(join(dir, entry.name));
  };
  visit(root);
  return found.sort();
}

/** Parses a multi-document YAML stream into objects (empty documents dropped). */
export function parseObjects(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length) throw new Error(`YAML error: ${doc.errors[0].message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null && typeof o === 'object');
}

const renderCache = new Map<string, K8sObject[]>();

/** `kubectl kustomize <dir>` (cached per process), parsed. */
export function render(overlayDir: string): K8sObject[] {
  let objects = renderCache.get(overlayDir);
  if (!objects) {
    const out = execFileSync(KUBECTL, ['kustomize', join(REPO_ROOT, overlayDir)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    objects = parseObjects(out);
    renderCache.set(overlayDir, objects);
  }
  // Callers may mutate (the negative tests do): hand out a copy.
  return structuredClone(objects);
}

/** The environment an overlay belongs to: `k8s/overlays/<env>[/...]`. */
export function environmentOf(overlayDir: string): string {
  return overlayDir.split('/')[2];
}

/** A pod template inside a workload, with where it lives. */
export interface PodTemplate {
  owner: K8sObject;
  labels: Record<string, string>;
  spec: any;
  /** JSON path of the pod spec inside the owner, for messages. */
  path: string;
}

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'];

/** Pod templates of every workload (CronJob templates included). */
export function podTemplates(objects: K8sObject[]): PodTemplate[] {
  const out: PodTemplate[] = [];
  for (const o of objects) {
    if (o.kind === 'CronJob') {
      const t = o.spec?.jobTemplate?.spec?.template;
      if (t) out.push({ owner: o, labels: t.metadata?.labels ?? {}, spec: t.spec ?? {}, path: 'spec.jobTemplate.spec.template.spec' });
    } else if (WORKLOAD_KINDS.includes(o.kind)) {
      const t = o.spec?.template;
      if (t) out.push({ owner: o, labels: t.metadata?.labels ?? {}, spec: t.spec ?? {}, path: 'spec.template.spec' });
    }
  }
  return out;
}

/** Every container of a pod spec (init containers included), with its kind. */
export function containersOf(spec: any): { container: any; init: boolean }[] {
  return [...((spec?.initContainers ?? []) as any[]).map((container) => ({ container, init: true })), ...((spec?.containers ?? []) as any[]).map((container) => ({ container, init: false }))];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Kubernetes label selector semantics (an empty selector matches everything). */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const inValues = has && (e.values ?? []).includes(labels[e.key]);
    if (e.operator === 'In' && !inValues) return false;
    if (e.operator === 'NotIn' && inValues) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Service-style selector (a plain map; empty/absent selects nothing for our purposes). */
export function mapSelectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** Reads a file of the repository. */
export function readRepoFile(path: string): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}
