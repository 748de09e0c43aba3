/**
 * In-process token buckets, one per key (client IP, API key name): `perMinute` tokens, refilled continuously.
 * Each process limits on its own, so N replicas allow N times the rate; enough against floods and guessing.
 * The map is bounded: beyond `maxKeys` the least recently used buckets are forgotten (they would be full soon anyway).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  /** Tokens left for `key` now (a key never seen has a full bucket). */
  available(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return this.perMinute;
    return Math.min(this.perMinute, bucket.tokens + ((this.now() - bucket.at) * this.perMinute) / 60_000);
  }

  /** Takes one token; false (nothing taken) when the bucket is empty. */
  take(key: string): boolean {
    const tokens = this.available(key);
    if (tokens < 1) return false;
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: tokens - 1, at: this.now() });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    return true;
  }

  /** Seconds until `key` has a token again (0 when it has one). */
  retryAfterSeconds(key: string): number {
    const missing = 1 - this.available(key);
    return missing <= 0 ? 0 : Math.ceil((missing * 60) / this.perMinute);
  }
}
