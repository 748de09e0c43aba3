import { FeatureSetV1, FeatureSetV2 } from '@propcast/features';
import { UnknownFeatureSetError } from '../errors';
import { resolveFeatureSet } from './feature-set-catalog';

describe('resolveFeatureSet', () => {
  it('accepts the id, "v1" and "1"', () => {
    for (const ref of ['player-props@v1', 'v1', '1']) expect(resolveFeatureSet(ref)).toBe(FeatureSetV1);
  });

  it('resolves v2 (availability, game lines, line movement) beside v1', () => {
    for (const ref of ['player-props@v2', 'v2', '2']) expect(resolveFeatureSet(ref)).toBe(FeatureSetV2);
  });

  it('names the known sets for an unknown one', () => {
    expect(() => resolveFeatureSet('v9')).toThrow(new UnknownFeatureSetError('v9', ['player-props@v1', 'player-props@v2', 'player-props@v3']));
    expect(() => resolveFeatureSet('v9')).toThrow('unknown feature set "v9" (known: player-props@v1, player-props@v2, player-props@v3)');
  });
});
