import { fileURLToPath } from 'node:url';
import { Storage } from '@google-cloud/storage';
import type { ArtifactStore } from './artifact-store';
import { FileArtifactStore } from './drivers/file-artifact-store';
import { GcsArtifactStore } from './drivers/gcs-artifact-store';
import { isUri } from './keys';

/**
 * Opens the store rooted at `uriRoot`: `gs://bucket[/prefix]` → GCS (endpoint from GCS_API_ENDPOINT, project from
 * GOOGLE_CLOUD_PROJECT, both optional), `file:///abs/path` or a plain path → local folder.
 */
export function createArtifactStore(uriRoot: string, env: NodeJS.ProcessEnv = process.env): ArtifactStore {
  if (uriRoot.startsWith('gs://')) {
    const [, bucket, prefix] = /^gs:\/\/([^/]+)\/?(.*)$/.exec(uriRoot) ?? [];
    if (!bucket) throw new Error(`Artifact store URI ${uriRoot} names no bucket; expected gs://bucket[/prefix]`);
    const storage = new Storage({ apiEndpoint: env.GCS_API_ENDPOINT || undefined, projectId: env.GOOGLE_CLOUD_PROJECT || undefined });
    return new GcsArtifactStore(storage, bucket, prefix);
  }
  if (uriRoot.startsWith('file:')) return new FileArtifactStore(fileURLToPath(uriRoot));
  if (uriRoot === '' || isUri(uriRoot)) {
    throw new Error(`Unsupported artifact store URI "${uriRoot}"; expected gs://bucket[/prefix], file:///abs/path or a folder path`);
  }
  return new FileArtifactStore(uriRoot);
}
