import { instantMs } from './dates';
import { InvalidFeatureInputError } from './errors';
import { PROP_STATS, type PropLineSnapshot, type PropStat } from './types';

const STAT_SLOT: Readonly<Record<PropStat, number>> = Object.freeze(
  Object.fromEntries(PROP_STATS.map((s, i) => [s, i])) as Record<PropStat, number>,
);

/** A validated snapshot: line features use it only when captured strictly before the target's cutoff. */
interface IndexedLine {
  slot: number;
  line: number;
  capturedMs: number;
}

/** Key of a player-game, shared by targets and line snapshots. */
export function playerGameKey(playerId: number, gameId: string): string {
  return `${gameId}:${playerId}`;
}

/** Groups snapshots by player-game after validating stat, line and capture time. */
export function indexPropLines(lines: readonly PropLineSnapshot[]): Map<string, IndexedLine[]> {
  const index = new Map<string, IndexedLine[]>();
  for (const l of lines) {
    const slot = STAT_SLOT[l.stat];
    if (slot === undefined) throw new InvalidFeatureInputError(`unknown prop stat "${String(l.stat)}"`);
    if (!Number.isFinite(l.line)) throw new InvalidFeatureInputError(`prop line ${String(l.line)} of player ${l.playerId} in game ${l.gameId} is not a number`);
    const entry = { slot, line: l.line, capturedMs: instantMs(l.capturedAt, 'prop line capturedAt') };
    const key = playerGameKey(l.playerId, l.gameId);
    const list = index.get(key);
    if (list === undefined) index.set(key, [entry]);
    else list.push(entry);
  }
  return index;
}

/**
 * Writes, per prop stat in PROP_STATS order, the latest line captured strictly before `cutoffMs` into
 * out[offset + slot]; when several books share that latest instant their lines are averaged. Untouched slots stay as they are (NaN).
 */
export function writeLatestLines(lines: readonly IndexedLine[] | undefined, cutoffMs: number, out: Float32Array, offset: number): void {
  if (lines === undefined) return;
  const latest = new Float64Array(PROP_STATS.length).fill(-Infinity);
  const sums = new Float64Array(PROP_STATS.length);
  const counts = new Float64Array(PROP_STATS.length);
  for (const l of lines) {
    if (!(l.capturedMs < cutoffMs)) continue;
    if (l.capturedMs > latest[l.slot]) {
      latest[l.slot] = l.capturedMs;
      sums[l.slot] = l.line;
      counts[l.slot] = 1;
    } else if (l.capturedMs === latest[l.slot]) {
      sums[l.slot] += l.line;
      counts[l.slot]++;
    }
  }
  for (let s = 0; s < PROP_STATS.length; s++) {
    if (counts[s] > 0) out[offset + s] = sums[s] / counts[s];
  }
}
