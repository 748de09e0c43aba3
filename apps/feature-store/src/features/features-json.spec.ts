import type { FeatureVectors } from '@propcast/feature-pipeline';
import { FeaturesJsonWriter } from './features-json';

const lookup = (values: number[], gameDate = '2021-01-10'): FeatureVectors => ({
  featureSet: { id: 'player-props@v1', version: 1, featureNames: ['a', 'b', 'c'] },
  gameDate,
  rows: [{ playerId: 7, gameId: '0022000001', values: Float32Array.from(values) }],
  missingPlayerIds: [],
});

describe('FeaturesJsonWriter', () => {
  it('writes the response shape with NaN as null and float32 values exactly', () => {
    const body = JSON.parse(new FeaturesJsonWriter().write(lookup([1.5, NaN, 0.1])).toString());
    expect(body).toEqual({
      featureSet: { id: 'player-props@v1', version: 1, featureNames: ['a', 'b', 'c'] },
      gameDate: '2021-01-10',
      rows: [{ playerId: 7, gameId: '0022000001', values: [1.5, null, Math.fround(0.1)] }],
    });
  });

  it('reuses a row only while its bytes are unchanged, and stays bounded', () => {
    const writer = new FeaturesJsonWriter(1);
    expect(JSON.parse(writer.write(lookup([1, 2, 3])).toString()).rows[0].values).toEqual([1, 2, 3]);
    expect(JSON.parse(writer.write(lookup([1, 2, 4])).toString()).rows[0].values).toEqual([1, 2, 4]);
    expect(JSON.parse(writer.write(lookup([5, 5, 5], '2021-01-11')).toString()).rows[0].values).toEqual([5, 5, 5]);
    expect(JSON.parse(writer.write(lookup([1, 2, 4])).toString()).rows[0].values).toEqual([1, 2, 4]);
  });
});
