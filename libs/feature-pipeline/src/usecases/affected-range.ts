import type { IngestKind } from '@propcast/contracts';
import type { DateRange } from './range-coalescer';

/**
 * Dates whose features an ingestion for `gameDate` can change. Prop lines only feed their own game's row, so
 * PROPS touches that date alone. Box scores and schedule changes feed every later row of the players and of
 * their teams and opponents (windows, EMAs and head-to-head records span seasons), so we recompute from that date
 * through the latest date of the feature set: every date that can depend on it, and never an earlier one.
 */
export function affectedRange(kind: IngestKind, gameDate: string): DateRange {
  return kind === 'PROPS' ? { from: gameDate, to: gameDate } : { from: gameDate, to: null };
}
