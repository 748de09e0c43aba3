import { pickModel, trafficBucket } from './traffic-split';

describe('traffic split', () => {
  it('places a player deterministically in [0, 1)', () => {
    expect(trafficBucket(2544)).toBe(trafficBucket(2544));
    for (const id of [1, 2544, 201939, 1629029]) {
      expect(trafficBucket(id)).toBeGreaterThanOrEqual(0);
      expect(trafficBucket(id)).toBeLessThan(1);
    }
  });

  it('gives challengers about their weight of the players and the primary the rest', () => {
    const counts = { primary: 0, a: 0, b: 0 };
    for (let id = 1; id <= 20_000; id++)
      counts[
        pickModel(id, 'primary' as const, [
          { model: 'a' as const, weight: 0.1 },
          { model: 'b' as const, weight: 0.2 },
        ])
      ]++;
    expect(counts.a / 20_000).toBeCloseTo(0.1, 1);
    expect(counts.b / 20_000).toBeCloseTo(0.2, 1);
    expect(counts.primary / 20_000).toBeCloseTo(0.7, 1);
  });

  it('always picks the primary without challengers', () => {
    expect(pickModel(5, 'p', [])).toBe('p');
    expect(pickModel(5, 'p', [{ model: 'c', weight: 0 }])).toBe('p');
  });
});
