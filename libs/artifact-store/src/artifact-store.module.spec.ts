import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ArtifactStore } from './artifact-store';
import { ARTIFACT_STORE, ArtifactStoreModule } from './artifact-store.module';
import { FileArtifactStore } from './drivers/file-artifact-store';

@Injectable()
class BatchWriter {
  constructor(@Inject(ARTIFACT_STORE) readonly store: ArtifactStore) {}
}

@Module({ providers: [BatchWriter] })
class FeatureModule {}

describe('ArtifactStoreModule.forRoot', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'artifact-module-'));
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  it('provides ARTIFACT_STORE to every module of the application', async () => {
    @Module({ imports: [ArtifactStoreModule.forRoot({ uri: root }), FeatureModule] })
    class AppModule {}

    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    try {
      const { store } = app.get(BatchWriter);
      expect(store).toBeInstanceOf(FileArtifactStore);
      expect(store).toBe(app.get(ARTIFACT_STORE));
      expect((store as FileArtifactStore).root).toBe(root);
    } finally {
      await app.close();
    }
  });
});
