import { instantMs } from './dates';
import { InvalidFeatureInputError } from './errors';
import { PROP_STATS, type PropLineSnapshot, type PropStat } from './types';

const STAT_SLOT: Readonly<Record<PropStat, number>> = Object.freeze(Object.fromEntries(PROP_STATS.map((s, i) => [s, i])) as Record<PropStat, number>);

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

/**
 * Writes, per prop stat in PROP_STATS order, the movement of its line before `cutoffMs` into out[offset + slot]: the
 * latest snapshot minus the first (books sharing an instant averaged), 0 with a single snapshot instant. Untouched
 * slots (no line before the cutoff) stay as they are (NaN).
 */
export function writeLineMovement(lines: readonly IndexedLine[] | undefined, cutoffMs: number, out: Float32Array, offset: number): void {
  if (lines === undefined) return;
  const n = PROP_STATS.length;
  const first = new Float64Array(n).fill(Infinity);
  const last = new Float64Array(n).fill(-Infinity);
  const firstSum = new Float64Array(n);
  const firstCount = new Float64Array(n);
  const lastSum = new Float64Array(n);
  const lastCount = new Float64Array(n);
  for (const l of lines) {
    if (!(l.capturedMs < cutoffMs)) continue;
    const s = l.slot;
    if (l.capturedMs < first[s]) {
      first[s] = l.capturedMs;
      firstSum[s] = l.line;
      firstCount[s] = 1;
    } else if (l.capturedMs === first[s]) {
      firstSum[s] += l.line;
      firstCount[s]++;
    }
    if (l.capturedMs > last[s]) {
      last[s] = l.capturedMs;
      lastSum[s] = l.line;
      lastCount[s] = 1;
    } else if (l.capturedMs === last[s]) {
      lastSum[s] += l.line;
      lastCount[s]++;
    }
  }
  for (let s = 0; s < n; s++) {
    if (lastCount[s] > 0) out[offset + s] = lastSum[s] / lastCount[s] - firstSum[s] / firstCount[s];
  }
}
