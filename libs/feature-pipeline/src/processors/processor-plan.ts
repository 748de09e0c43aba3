import type { FeatureSet } from '@propcast/features';
import { InvalidProcessorsError } from '../errors';
import { PROCESSOR_DEFINITIONS, type ProcessorDefinition } from './processor-definitions';

/** The configured processors in run order, and the feature columns none of them computes (stored as NaN). */
export interface ProcessorPlan {
  readonly processors: readonly ProcessorDefinition[];
  readonly names: readonly string[];
  readonly maskedColumns: readonly number[];
}

/** Splits a FEATURE_PROCESSORS value ("a,b, c") into names. */
export function parseProcessorList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Validates the configured processor names against the known definitions and orders them by dependency;
 * every feature column of `featureSet` must be owned by exactly one known processor. Throws InvalidProcessorsError.
 */
export function planProcessors(names: readonly string[], featureSet: FeatureSet, known: readonly ProcessorDefinition[] = PROCESSOR_DEFINITIONS): ProcessorPlan {
  if (names.length === 0) throw new InvalidProcessorsError('FEATURE_PROCESSORS is empty: name at least one processor');
  const byName = new Map(known.map((p) => [p.name, p]));
  const seen = new Set<string>();
  for (const name of names) {
    if (!byName.has(name)) throw new InvalidProcessorsError(`unknown processor "${name}" (known: ${known.map((p) => p.name).join(', ')})`);
    if (seen.has(name)) throw new InvalidProcessorsError(`processor "${name}" is listed twice`);
    seen.add(name);
  }
  for (const name of names) {
    for (const dep of (byName.get(name) as ProcessorDefinition).dependsOn) {
      if (!seen.has(dep)) throw new InvalidProcessorsError(`processor "${name}" runs after "${dep}", which is not configured`);
    }
  }
  const ordered = dependencyOrder(names.map((n) => byName.get(n) as ProcessorDefinition));
  const maskedColumns: number[] = [];
  featureSet.featureNames.forEach((feature, i) => {
    const owners = known.filter((p) => p.owns(feature));
    if (owners.length !== 1) {
      throw new InvalidProcessorsError(`feature "${feature}" of ${featureSet.id} must be owned by exactly one processor, found ${owners.length}`);
    }
    if (!seen.has(owners[0].name)) maskedColumns.push(i);
  });
  return { processors: ordered, names: ordered.map((p) => p.name), maskedColumns };
}

/** Stable topological order: a processor comes after its dependencies, otherwise keeps the configured order. */
function dependencyOrder(processors: readonly ProcessorDefinition[]): ProcessorDefinition[] {
  const out: ProcessorDefinition[] = [];
  const placed = new Set<string>();
  while (out.length < processors.length) {
    const next = processors.find((p) => !placed.has(p.name) && p.dependsOn.every((d) => placed.has(d)));
    if (next === undefined) throw new InvalidProcessorsError('processor dependencies form a cycle');
    out.push(next);
    placed.add(next.name);
  }
  return out;
}

/** Sets the columns of unconfigured processors to NaN (missing) in place. */
export function maskUnplannedColumns(plan: ProcessorPlan, values: Float32Array): void {
  for (const i of plan.maskedColumns) values[i] = NaN;
}
