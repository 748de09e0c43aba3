import { createHash } from 'node:crypto';

/** A named, versioned, ordered list of features; any definition change makes a new version. */
export interface FeatureSet {
  readonly name: string;
  readonly version: number;
  /** `<name>@v<version>`, the key stored with every feature row and model. */
  readonly id: string;
  readonly featureNames: readonly string[];
  /** Bumped by hand whenever a feature's computation changes while its name stays. */
  readonly definitionVersion: string;
  /** sha256 (hex) over the definition version and the ordered feature names. */
  readonly definitionHash: string;
}

/** Hashes a feature definition: sha256 over the definition version and the ordered names, newline-separated. */
export function featureDefinitionHash(definitionVersion: string, featureNames: readonly string[]): string {
  return createHash('sha256')
    .update([definitionVersion, ...featureNames].join('\n'))
    .digest('hex');
}

/** Builds an immutable feature set with its id and definition hash. */
export function defineFeatureSet(name: string, version: number, definitionVersion: string, featureNames: readonly string[]): FeatureSet {
  return Object.freeze({
    name,
    version,
    id: `${name}@v${version}`,
    featureNames: Object.freeze([...featureNames]),
    definitionVersion,
    definitionHash: featureDefinitionHash(definitionVersion, featureNames),
  });
}
