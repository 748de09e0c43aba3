import type { IngestKind } from '@propcast/contracts';
import type { DateRange } from './range-coalescer';

/** Kinds that feed only the rows of their own game: prop lines, availability reports, game lines. */
const OWN_DATE_KINDS: ReadonlySet<string> = new Set(['PROPS', 'AVAILABILITY', 'GAME_LINES']);

/**
 * Dates whose features an ingestion for `gameDate` can change. Prop lines, availability reports and game lines only
 * feed their own game's rows, so they touch that date alone. Box scores and schedule changes feed every later row of the players and of
 * their teams and opponents (windows, EMAs and head-to-head records span seasons), so we recompute from that date
 * through the latest date of the feature set: every date that can depend on it, and never an earlier one.
 */
export function affectedRange(kind: IngestKind, gameDate: string): DateRange {
  return OWN_DATE_KINDS.has(kind) ? { from: gameDate, to: gameDate } : { from: gameDate, to: null };
}
