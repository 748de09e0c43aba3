import { FeatureStateError, UnsupportedFeatureSetError } from './errors';
import { FeatureComputer } from './feature-computer';
import { FeatureComputerV2 } from './feature-computer-v2';
import type { FeatureSet } from './feature-set';
import { FeatureSetV1 } from './feature-set-v1';
import { FeatureSetV2 } from './feature-set-v2';
import { FeatureSetV3 } from './feature-set-v3';
import { STATE_FORMAT_VERSION, type StateReader, type StateWriter } from './state-codec';
import type { FeatureVector, PlayerGameLog, PregameContext, PropLineSnapshot, TargetGame, TeamGameLog } from './types';

/** The point-in-time walk every feature set implements: computeDate from earlier dates only, then ingestDate. */
export interface PointInTimeFeatureComputer {
  readonly featureSet: FeatureSet;
  readonly lastIngestedDate: string | null;
  computeDate(date: string, targets: readonly TargetGame[], lines?: readonly PropLineSnapshot[], context?: PregameContext): FeatureVector[];
  ingestDate(date: string, playerLogs: readonly PlayerGameLog[], teamLogs: readonly TeamGameLog[]): void;
  /** Saves everything ingestDate accumulated, bit for bit (a checkpoint). */
  writeState(w: StateWriter): void;
  /** Restores what writeState saved, into a computer that has ingested nothing. */
  readState(r: StateReader): void;
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

/**
 * Saves a computer's state behind a header naming the state format and the feature set's id and definition hash, so
 * that it can only ever be restored into a computer of the same definition.
 */
export function writeComputerState(computer: PointInTimeFeatureComputer, w: StateWriter): void {
  w.u32(STATE_FORMAT_VERSION);
  w.str(computer.featureSet.id);
  w.str(computer.featureSet.definitionHash);
  computer.writeState(w);
}

/**
 * A computer of `featureSet` restored from what writeComputerState saved; throws FeatureStateError when the state was
 * saved in another format or by another feature set or definition (it is never used then).
 */
export function readComputerState(featureSet: FeatureSet, r: StateReader): PointInTimeFeatureComputer {
  r.expect(STATE_FORMAT_VERSION, 'state format');
  const id = r.str();
  const hash = r.str();
  if (id !== featureSet.id || hash !== featureSet.definitionHash) {
    throw new FeatureStateError(`saved state is of ${id} (definition ${hash?.slice(0, 12)}), not of ${featureSet.id} (definition ${featureSet.definitionHash.slice(0, 12)})`);
  }
  const computer = createFeatureComputer(featureSet);
  computer.readState(r);
  return computer;
}
