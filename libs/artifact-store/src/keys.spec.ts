import { InvalidArtifactKeyError } from './errors';
import { assertValidKey, assertValidPrefix, isUri } from './keys';

describe('assertValidKey', () => {
  it.each(['a', 'raw/nba/2024-01-01/batch-0001.json.gz', 'models/v1.2/model.onnx', '.hidden', 'a..b/..c', 'spaces are fine/é'])('accepts %j', (key) => {
    expect(assertValidKey(key)).toBe(key);
  });

  it.each([
    ['', /empty/],
    ['/abs', /absolute/],
    ['../up', /"\.\." segment/],
    ['a/../b', /"\.\." segment/],
    ['a/./b', /"\." segment/],
    ['a//b', /empty segment/],
    ['a/', /empty segment/],
    ['a\\b', /separator/],
    ['a\nb', /control/],
    ['x'.repeat(1025), /1024 bytes/],
    ['a.artifact-meta.json', /reserves/],
    ['a.artifact-tmp/b', /reserves/],
  ])('rejects %j', (key, reason) => {
    expect(() => assertValidKey(key)).toThrow(InvalidArtifactKeyError);
    expect(() => assertValidKey(key)).toThrow(reason);
  });
});

describe('assertValidPrefix', () => {
  it.each(['', 'raw/', 'raw/nba/2024-0', 'raw/.', 'raw/..x'])('accepts %j', (prefix) => {
    expect(assertValidPrefix(prefix)).toBe(prefix);
  });

  it.each(['../', 'a/../', '/abs', 'a//'])('rejects %j', (prefix) => {
    expect(() => assertValidPrefix(prefix)).toThrow(InvalidArtifactKeyError);
  });
});

describe('isUri', () => {
  it('tells URIs from keys', () => {
    expect(['gs://b/k', 'file:///tmp/x', 's3://b'].map(isUri)).toEqual([true, true, true]);
    expect(['raw/a.json', 'c:/x', 'a:b'].map(isUri)).toEqual([false, false, false]);
  });
});
