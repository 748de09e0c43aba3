import { ModelMetadataError } from './errors';
import { MODEL_METADATA_SCHEMA_VERSION, parseModelMetadata } from './model-metadata';

const artifact = { key: 'k', uri: 'file:///k', sha256: 'a'.repeat(64), size: 1 };
const valid = {
  schemaVersion: MODEL_METADATA_SCHEMA_VERSION,
  modelId: 'points-v1',
  stat: 'POINTS',
  version: 1,
  featureSet: { id: 'fs', version: 1, definitionHash: null },
  featureNames: ['a', 'b'],
  objective: 'reg:squarederror',
  bestIteration: 3,
  probabilityModel: { kind: 'probability-model' },
  baselineFallback: { value: 1, rule: 'mean' },
  artifacts: { onnx: artifact, native: artifact, report: artifact },
  extra: 'kept',
};

describe('parseModelMetadata', () => {
  it('accepts bytes, strings and objects and keeps fields it does not check', () => {
    expect(parseModelMetadata(Buffer.from(JSON.stringify(valid))).featureNames).toEqual(['a', 'b']);
    expect(parseModelMetadata(JSON.stringify(valid)).modelId).toBe('points-v1');
    expect((parseModelMetadata(valid) as unknown as { extra: string }).extra).toBe('kept');
  });

  it('names the bad field', () => {
    expect(() => parseModelMetadata({ ...valid, featureNames: [] })).toThrow(/featureNames/);
    expect(() => parseModelMetadata({ ...valid, artifacts: { ...valid.artifacts, onnx: { ...artifact, sha256: 'x' } } })).toThrow(ModelMetadataError);
  });

  it('rejects bytes that are not JSON', () => {
    expect(() => parseModelMetadata('{')).toThrow(/not valid JSON/);
  });
});
