import type { ArtifactRef, ArtifactStore } from '@propcast/artifact-store';
import type { ModelTarget } from '@propcast/contracts';
import { Booster } from '@propcast/xgboost';
import { STAT_DEFINITIONS } from '../stats';
import { parseModelMetadata, type ModelMetadata, type StoredArtifact } from '@propcast/model-registry';

/** Artifact keys of one model version: `models/<stat>/v<version>/{model.onnx,model.json,metadata.json,report.html}`. */
export function modelArtifactKeys(stat: ModelTarget, version: number): { onnx: string; native: string; metadata: string; report: string } {
  const base = `models/${STAT_DEFINITIONS[stat].key}/v${version}`;
  return { onnx: `${base}/model.onnx`, native: `${base}/model.json`, metadata: `${base}/metadata.json`, report: `${base}/report.html` };
}

/** Registry fields needed to find and verify a model's artifacts. */
export interface ModelArtifactLocation {
  artifactUri: string;
  artifactSha256: string;
  metadataUri: string;
  nativeUri: string;
}

/** A native model loaded for scoring: predictions use the rounds up to the best one. */
export interface LoadedNativeModel {
  booster: Booster;
  metadata: ModelMetadata;
  /** Predicts rows of `metadata.featureNames` order (row-major float32, NaN = missing). */
  predict(features: Float32Array): Float32Array;
  /** Frees the native booster. */
  dispose(): void;
}

const toStored = (ref: ArtifactRef): StoredArtifact => ({ key: ref.key, uri: ref.uri, sha256: ref.sha256, size: ref.size });

/** Writes and reads model artifacts through the artifact store, verifying every sha256 on the way back. */
export class ModelArtifacts {
  constructor(readonly store: ArtifactStore) {}

  /** Uploads model.onnx, model.json and report.html; returns their refs (sha256 computed by the store). */
  async uploadFiles(stat: ModelTarget, version: number, files: { onnx: Buffer; native: Buffer; report: string }): Promise<ModelMetadata['artifacts']> {
    const keys = modelArtifactKeys(stat, version);
    const onnx = await this.store.put(keys.onnx, files.onnx, { contentType: 'application/octet-stream' });
    const native = await this.store.put(keys.native, files.native, { contentType: 'application/json' });
    const report = await this.store.put(keys.report, Buffer.from(files.report, 'utf8'), { contentType: 'text/html; charset=utf-8' });
    return { onnx: toStored(onnx), native: toStored(native), report: toStored(report) };
  }

  /** Uploads metadata.json (last, so its presence means the version is complete). */
  async uploadMetadata(metadata: ModelMetadata): Promise<StoredArtifact> {
    const key = modelArtifactKeys(metadata.stat, metadata.version).metadata;
    return toStored(await this.store.put(key, Buffer.from(JSON.stringify(metadata), 'utf8'), { contentType: 'application/json' }));
  }

  /** Reads and validates a model's metadata.json (checked against the store's recorded sha256). */
  async loadMetadata(location: Pick<ModelArtifactLocation, 'metadataUri'>): Promise<ModelMetadata> {
    return parseModelMetadata(await this.store.get(location.metadataUri));
  }

  /** Reads model.onnx and verifies it against the registry's sha256 (ArtifactIntegrityError when tampered). */
  async loadOnnx(location: Pick<ModelArtifactLocation, 'artifactUri' | 'artifactSha256'>): Promise<Buffer> {
    return this.store.get(location.artifactUri, { expectedSha256: location.artifactSha256 });
  }

  /** Loads the native model.json, verified against the sha256 its metadata.json recorded. */
  async loadNative(location: Pick<ModelArtifactLocation, 'metadataUri' | 'nativeUri'>): Promise<LoadedNativeModel> {
    const metadata = await this.loadMetadata(location);
    const bytes = await this.store.get(location.nativeUri, { expectedSha256: metadata.artifacts.native.sha256 });
    const booster = Booster.loadModel(bytes);
    const range: [number, number] = [0, metadata.bestIteration + 1];
    return {
      booster,
      metadata,
      predict: (features) => (features.length === 0 ? new Float32Array(0) : booster.predict(features, { iterationRange: range })),
      dispose: () => booster.dispose(),
    };
  }
}
