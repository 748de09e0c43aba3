import { type DynamicModule, Module } from '@nestjs/common';
import { createArtifactStore } from './create-artifact-store';

/** Injection token of the application's ArtifactStore: `@Inject(ARTIFACT_STORE) store: ArtifactStore`. */
export const ARTIFACT_STORE = Symbol('ARTIFACT_STORE');

export interface ArtifactStoreModuleOptions {
  /** Store root, as accepted by createArtifactStore. */
  uri: string;
}

@Module({})
export class ArtifactStoreModule {
  /** Provides ARTIFACT_STORE app-wide (global module) for the store rooted at `options.uri`. */
  static forRoot(options: ArtifactStoreModuleOptions): DynamicModule {
    return {
      module: ArtifactStoreModule,
      global: true,
      providers: [{ provide: ARTIFACT_STORE, useFactory: () => createArtifactStore(options.uri) }],
      exports: [ARTIFACT_STORE],
    };
  }
}
