/**
 * Box-score comments that say a player was out before tip-off: did not dress (DND), not with team (NWT), inactive.
 * Teams file their inactive lists before the game, so these facts were known before it. "DNP - ..." comments are not
 * (coach's decision, injury or rest while active, DNP_PERSONAL): the player was active and the decision came in the game.
 * Written for both JavaScript and Postgres (case-insensitive `~*`): "DND - Injury/Illness", "DND_HEALTH_AND_SAFETY_PROTOCOLS",
 * "NWT - Not With Team", "NWT_LEAGUE_SUSPENSION", "Inactive".
 */
export const OUT_BEFORE_TIPOFF_COMMENT = '^(DND|NWT|INACTIVE)([^A-Za-z]|$)';

const OUT_PATTERN = new RegExp(OUT_BEFORE_TIPOFF_COMMENT, 'i');

/** How long before the cutoff (tip-off, else the start of the game date) a box-score availability row is stamped as reported. */
export const BOXSCORE_REPORTED_BEFORE_CUTOFF_MINUTES = 1;

/** True when a did-not-play row's comment says the player was known to be out before tip-off. */
export function isOutBeforeTipoff(dnp: boolean, comment: string | null): boolean {
  return dnp && comment !== null && OUT_PATTERN.test(comment.trim());
}

/** What a derivation changed in availability_reports (source BOXSCORE). */
export interface DerivedAvailability {
  /** Box-score rows that say OUT in the scope. */
  out: number;
  inserted: number;
  updated: number;
  /** BOXSCORE rows of the scope that no box score supports any more (a corrected comment, a changed tip-off). */
  deleted: number;
}
