/**
 * Proxy line (stated as proxy, not a market line): the half-integer nearest the player's season average
 * before the game, floor(avg) + 0.5, so a push is impossible. NaN when there is no history (null, undefined, NaN).
 */
export function proxyLine(seasonAvgBeforeGame: number | null | undefined): number {
  if (seasonAvgBeforeGame == null || !Number.isFinite(seasonAvgBeforeGame)) return Number.NaN;
  return Math.floor(seasonAvgBeforeGame) + 0.5;
}
