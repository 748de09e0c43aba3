import { UnsupportedFeatureSetError } from './errors';
import { FeatureComputer } from './feature-computer';
import { FeatureComputerV2 } from './feature-computer-v2';
import type { FeatureSet } from './feature-set';
import { FeatureSetV1 } from './feature-set-v1';
import { FeatureSetV2 } from './feature-set-v2';
import { FeatureSetV3 } from './feature-set-v3';
import type { FeatureVector, PlayerGameLog, PregameContext, PropLineSnapshot, TargetGame, TeamGameLog } from './types';

/** The point-in-time walk every feature set implements: computeDate from earlier dates only, then ingestDate. */
export interface PointInTimeFeatureComputer {
  readonly featureSet: FeatureSet;
  readonly lastIngestedDate: string | null;
  computeDate(date: string, targets: readonly TargetGame[], lines?: readonly PropLineSnapshot[], context?: PregameContext): FeatureVector[];
  ingestDate(date: string, playerLogs: readonly PlayerGameLog[], teamLogs: readonly TeamGameLog[]): void;
}

/** Feature sets this library can compute, newest last. */
export const FEATURE_SETS: readonly FeatureSet[] = Object.freeze([FeatureSetV1, FeatureSetV2, FeatureSetV3]);

/** A fresh computer of `featureSet` (v1, v2 or v3); throws UnsupportedFeatureSetError for any other definition. */
export function createFeatureComputer(featureSet: FeatureSet): PointInTimeFeatureComputer {
  if (featureSet.id === FeatureSetV1.id) return new FeatureComputer(featureSet);
  if (featureSet.id === FeatureSetV2.id || featureSet.id === FeatureSetV3.id) return new FeatureComputerV2(featureSet);
  throw new UnsupportedFeatureSetError(`no feature computer for ${featureSet.id} (known: ${FEATURE_SETS.map((s) => s.id).join(', ')})`);
}

/** Whether a feature set reads availability and game lines (v1 does not: its pipeline skips loading them). */
export function readsPregameContext(featureSet: FeatureSet): boolean {
  return featureSet.id !== FeatureSetV1.id;
}
