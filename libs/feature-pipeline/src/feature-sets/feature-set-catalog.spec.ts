import { FeatureSetV1 } from '@propcast/features';
import { UnknownFeatureSetError } from '../errors';
import { resolveFeatureSet } from './feature-set-catalog';

describe('resolveFeatureSet', () => {
  it('accepts the id, "v1" and "1"', () => {
    for (const ref of ['player-props@v1', 'v1', '1']) expect(resolveFeatureSet(ref)).toBe(FeatureSetV1);
  });

  it('names the known sets for an unknown one', () => {
    expect(() => resolveFeatureSet('v2')).toThrow(new UnknownFeatureSetError('v2', ['player-props@v1']));
    expect(() => resolveFeatureSet('v2')).toThrow('unknown feature set "v2" (known: player-props@v1)');
  });
});
