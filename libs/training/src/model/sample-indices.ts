/** `count` distinct indices of [0, n) drawn without replacement, in ascending order (all of them when count >= n). */
export function sampleIndices(n: number, count: number, random: () => number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (count >= n) return all;
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (n - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, count).sort((a, b) => a - b);
}
