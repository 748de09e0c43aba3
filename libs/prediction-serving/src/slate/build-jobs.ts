import type { PredictionJob, PredictionRequest, StatType } from '@propcast/contracts';
import { ServingConfigError } from '../errors';
import { predictionJobId } from '../ids';

/** Book name of a request made without a prop line (the job contract wants a non-empty book; stored as ''). */
export const NO_LINE_BOOK = 'none';

/** A player with a scheduled game and a feature row on the date. */
export interface SlateEntry {
  playerId: number;
  gameId: string;
}

/** The latest line of one (player, game, stat, book). */
export interface SlateLine extends SlateEntry {
  stat: StatType;
  book: string;
  line: number;
  overPrice: number | null;
  underPrice: number | null;
  /** ISO-8601 instant the line was captured. */
  capturedAt: string;
}

/**
 * The requests of a slate per stat: one per latest line per book, or one no-line request when a player/stat has
 * no line. Order is deterministic (player, game, book), so the same slate always cuts into the same jobs.
 */
export function buildRequests(entries: readonly SlateEntry[], lines: readonly SlateLine[], stats: readonly StatType[]): Map<StatType, PredictionRequest[]> {
  const linesByKey = new Map<string, SlateLine[]>();
  for (const line of lines) {
    const key = `${line.playerId}|${line.gameId}|${line.stat}`;
    const list = linesByKey.get(key);
    if (list) list.push(line);
    else linesByKey.set(key, [line]);
  }
  const sorted = [...entries].sort((a, b) => a.playerId - b.playerId || a.gameId.localeCompare(b.gameId));
  const out = new Map<StatType, PredictionRequest[]>();
  for (const stat of stats) {
    const requests: PredictionRequest[] = [];
    for (const { playerId, gameId } of sorted) {
      const own = linesByKey.get(`${playerId}|${gameId}|${stat}`);
      if (!own?.length) {
        requests.push({ playerId, gameId, line: null, overPrice: null, underPrice: null, book: NO_LINE_BOOK, capturedAt: null });
        continue;
      }
      for (const l of [...own].sort((a, b) => a.book.localeCompare(b.book))) {
        requests.push({ playerId, gameId, line: l.line, overPrice: l.overPrice, underPrice: l.underPrice, book: l.book, capturedAt: l.capturedAt });
      }
    }
    out.set(stat, requests);
  }
  return out;
}

/** Cuts each stat's requests into jobs of at most `jobSize` requests with deterministic ids. */
export function cutIntoJobs(batchId: string, gameDate: string, requestsByStat: ReadonlyMap<StatType, readonly PredictionRequest[]>, jobSize: number): PredictionJob[] {
  if (!Number.isInteger(jobSize) || jobSize < 1) throw new ServingConfigError(`job size must be a positive integer, got ${jobSize}`);
  const jobs: PredictionJob[] = [];
  for (const [stat, requests] of requestsByStat) {
    for (let start = 0, index = 0; start < requests.length; start += jobSize, index++) {
      jobs.push({ batchId, jobId: predictionJobId(batchId, stat, index), gameDate, stat, requests: requests.slice(start, start + jobSize) });
    }
  }
  return jobs;
}
