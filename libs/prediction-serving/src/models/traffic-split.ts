/** A challenger and the share of players it serves. */
export interface WeightedModel<T> {
  model: T;
  weight: number;
}

/** Deterministic position of a player in [0, 1): 32-bit FNV-1a of the decimal id, so every worker agrees. */
export function trafficBucket(playerId: number): number {
  let hash = 0x811c9dc5;
  for (const char of String(playerId)) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x1_0000_0000;
}

/**
 * The model serving a player: challengers take consecutive slices of [0, 1) by their weights (in the order given),
 * the primary takes the rest. The same player always lands on the same model while the weights stay.
 */
export function pickModel<T>(playerId: number, primary: T, challengers: readonly WeightedModel<T>[]): T {
  const bucket = trafficBucket(playerId);
  let upper = 0;
  for (const c of challengers) {
    upper += Math.max(0, c.weight);
    if (bucket < upper) return c.model;
  }
  return primary;
}
