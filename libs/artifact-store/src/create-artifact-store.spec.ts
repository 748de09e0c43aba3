import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createArtifactStore } from './create-artifact-store';
import { FileArtifactStore } from './drivers/file-artifact-store';
import { GcsArtifactStore } from './drivers/gcs-artifact-store';

describe('createArtifactStore', () => {
  it('opens a folder from a plain path or a file:// URI', () => {
    const fromPath = createArtifactStore('var/test-artifacts');
    const fromUri = createArtifactStore(pathToFileURL('/srv/artifacts').href);

    expect(fromPath).toBeInstanceOf(FileArtifactStore);
    expect((fromPath as FileArtifactStore).root).toBe(resolve('var/test-artifacts'));
    expect(fromUri.uriFor('a.json')).toBe(pathToFileURL(join('/srv/artifacts', 'a.json')).href);
  });

  it('opens a bucket, with or without a name prefix', () => {
    const env = { GCS_API_ENDPOINT: 'http://127.0.0.1:1', GOOGLE_CLOUD_PROJECT: 'propcast' };

    expect(createArtifactStore('gs://propcast-artifacts/prod/', env)).toBeInstanceOf(GcsArtifactStore);
    expect(createArtifactStore('gs://propcast-artifacts/prod/', env).uriFor('raw/a.json')).toBe('gs://propcast-artifacts/prod/raw/a.json');
    expect(createArtifactStore('gs://propcast-artifacts', env).uriFor('raw/a.json')).toBe('gs://propcast-artifacts/raw/a.json');
  });

  it('refuses URIs it cannot serve', () => {
    expect(() => createArtifactStore('gs://')).toThrow(/names no bucket/);
    expect(() => createArtifactStore('s3://bucket/prefix')).toThrow(/Unsupported/);
    expect(() => createArtifactStore('')).toThrow(/Unsupported/);
  });
});
