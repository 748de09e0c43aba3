import { createRequire } from 'node:module';
import Ajv, { type ValidateFunction } from 'ajv';
import { CONFIG_CONNECTOR_SCHEMAS } from './config-connector-schemas';
import { ref, type Finding, type K8sObject } from './manifests';

const requireModel = createRequire(__filename);

/**
 * Schema sources, pinned in package.json (exact versions):
 * - kubernetes-models 4.5.1: JSON schemas of the Kubernetes v1.33.0 OpenAPI spec, compiled to validators.
 * - @kubernetes-models/keda 0.4.2: KEDA v2.10 CRDs (keda.sh/v1alpha1 ScaledObject, TriggerAuthentication...).
 * - @kubernetes-models/prometheus-operator 4.4.4: prometheus-operator v0.65 CRDs (monitoring.coreos.com/v1).
 * - Config Connector (cnrm.cloud.google.com): no package ships its CRDs; hand-written structural schemas.
 */
export const SCHEMA_SOURCES = {
  kubernetes: { package: 'kubernetes-models', version: '4.5.1', kubernetesVersion: '1.33.0' },
  keda: { package: '@kubernetes-models/keda', version: '0.4.2' },
  prometheusOperator: { package: '@kubernetes-models/prometheus-operator', version: '4.4.4' },
} as const;

/** Where the typed model of an apiVersion lives: [module path, TypeScript module for strict fields]. */
export function modelModule(apiVersion: string): string | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === 'keda.sh') return `@kubernetes-models/keda/keda.sh/${version}`;
  if (group === 'monitoring.coreos.com') return `@kubernetes-models/prometheus-operator/monitoring.coreos.com/${version}`;
  if (group.endsWith('.cnrm.cloud.google.com')) return undefined;
  return group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
}

type ModelClass = new (data: unknown) => { validate(): void };

function loadModel(apiVersion: string, kind: string): ModelClass | undefined {
  const module = modelModule(apiVersion);
  if (!module) return undefined;
  try {
    return (requireModel(module) as Record<string, ModelClass>)[kind];
  } catch {
    return undefined;
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });
const ccValidators = new Map<string, ValidateFunction>();

function configConnectorValidator(apiVersion: string, kind: string): ValidateFunction | undefined {
  const key = `${apiVersion}/${kind}`;
  if (!ccValidators.has(key) && CONFIG_CONNECTOR_SCHEMAS[key]) ccValidators.set(key, ajv.compile(CONFIG_CONNECTOR_SCHEMAS[key]));
  return ccValidators.get(key);
}

/** True when some schema (Kubernetes, CRD package or hand-written) covers this apiVersion/kind. */
export function hasSchema(obj: Pick<K8sObject, 'apiVersion' | 'kind'>): boolean {
  return loadModel(obj.apiVersion, obj.kind) !== undefined || configConnectorValidator(obj.apiVersion, obj.kind) !== undefined;
}

/** Validates one object against its schema; an object without any schema is itself a finding. */
export function validateSchema(obj: K8sObject): Finding[] {
  const where = ref(obj);
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') {
    return [{ rule: 'schema', object: where, message: 'apiVersion and kind are required' }];
  }
  const cc = configConnectorValidator(obj.apiVersion, obj.kind);
  if (cc) {
    if (cc(obj)) return [];
    return (cc.errors ?? []).map((e) => ({
      rule: 'schema',
      object: where,
      message: `${e.instancePath || '/'} ${e.message}${e.keyword === 'additionalProperties' ? `: ${String(e.params.additionalProperty)}` : ''}`,
    }));
  }
  const Model = loadModel(obj.apiVersion, obj.kind);
  if (!Model) return [{ rule: 'schema', object: where, message: `no schema for ${obj.apiVersion} ${obj.kind} (unknown kind or CRD without a validator)` }];
  try {
    new Model(obj).validate();
    return [];
  } catch (err) {
    return String((err as Error).message)
      .split(/, (?=data)/)
      .map((message) => ({ rule: 'schema', object: where, message }));
  }
}
