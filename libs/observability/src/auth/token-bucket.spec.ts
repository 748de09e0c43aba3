import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  it('allows perMinute takes, then refills continuously', () => {
    let now = 0;
    const buckets = new TokenBuckets(3, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([true, true, true, false]);
    expect(buckets.take('b')).toBe(true);
    expect(buckets.retryAfterSeconds('a')).toBe(20);
    now = 20_000;
    expect(buckets.take('a')).toBe(true);
    expect(buckets.take('a')).toBe(false);
  });

  it('forgets the least recently used keys beyond its bound', () => {
    const buckets = new TokenBuckets(1, () => 0, 2);
    buckets.take('a');
    buckets.take('b');
    buckets.take('c');
    expect(buckets.available('a')).toBe(1);
    expect(buckets.available('c')).toBe(0);
  });
});
