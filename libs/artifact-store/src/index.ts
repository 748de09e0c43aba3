export type { ArtifactRef, ArtifactStore, GetOptions, PutOptions } from './artifact-store';
export { SHA256_METADATA_KEY } from './artifact-store';
export { ArtifactIntegrityError, ArtifactNotFoundError, InvalidArtifactKeyError } from './errors';
export { ARTIFACT_STORE, ArtifactStoreModule, type ArtifactStoreModuleOptions } from './artifact-store.module';
export { createArtifactStore } from './create-artifact-store';
export { DEFAULT_FILE_ROOT, FileArtifactStore } from './drivers/file-artifact-store';
export { GcsArtifactStore, RESUMABLE_THRESHOLD_BYTES } from './drivers/gcs-artifact-store';
export { gunzipJson, gzipJson } from './gzip-json';
export { sha256Hex } from './hashing';
