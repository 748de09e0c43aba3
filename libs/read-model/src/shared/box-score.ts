export { statValue } from '@propcast/grading';

/** Box-score counts a prop stat is computed from (null = not in the box score). */
export interface BoxScoreCounts {
  pts: number | null;
  reb: number | null;
  ast: number | null;
  fg3m: number | null;
}
