import { createHash, randomBytes } from 'node:crypto';
import type { StatType } from '@propcast/contracts';

/**
 * Id of a new prediction batch: readable (date and attempt) plus a random tail, so a batch id is never reused
 * even if a row is deleted and the date started again while Redis still holds the old batch's jobs.
 */
export function newBatchId(gameDate: string, attempt: number): string {
  return `pb-${gameDate}-a${attempt}-${randomBytes(3).toString('hex')}`;
}

/** Deterministic BullMQ job id of chunk `index` of a batch's `stat` requests (no ':' — BullMQ reserves it). */
export function predictionJobId(batchId: string, stat: StatType, index: number): string {
  return `${batchId}.${stat}.${String(index).padStart(4, '0')}`;
}

/**
 * Deterministic event id (a name-based UUID, version 5 layout over sha256) for the one `predictions.ready` of a
 * batch: should a crash make us publish twice, consumers deduplicating by event id still see it once.
 */
export function readyEventId(batchId: string): string {
  return derivedEventId(`predictions.ready:${batchId}`);
}

/** Id of the predictions.updated a news batch publishes when it finishes (stable, like readyEventId). */
export function updatedEventId(batchId: string): string {
  return derivedEventId(`predictions.updated:${batchId}`);
}

function derivedEventId(seed: string): string {
  const bytes = createHash('sha256').update(seed).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
