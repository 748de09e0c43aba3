/** A contiguous block of game dates (inclusive) and the rows it holds. */
export interface DateBlock {
  from: string;
  to: string;
  /** Row indices (into the dataset the blocks were cut from) whose game date is in the block. */
  rows: number[];
}

/**
 * Cuts rows into `count` contiguous blocks of whole game dates with about equal row counts: every row of a date lands
 * in the same block, so a model fitted without a block never saw any game of that block's dates.
 */
export function dateBlocks(gameDates: readonly string[], count: number): DateBlock[] {
  if (!Number.isInteger(count) || count < 2) throw new RangeError(`need at least 2 date blocks, got ${count}`);
  const byDate = new Map<string, number[]>();
  gameDates.forEach((date, i) => {
    const rows = byDate.get(date);
    if (rows) rows.push(i);
    else byDate.set(date, [i]);
  });
  const dates = [...byDate.keys()].sort();
  if (dates.length < count) throw new RangeError(`${dates.length} game dates cannot make ${count} date blocks`);
  const blocks: DateBlock[] = [];
  let seen = 0;
  for (let d = 0; d < dates.length; d++) {
    const rows = byDate.get(dates[d]) as number[];
    const current = blocks[blocks.length - 1];
    const k = blocks.length - 1;
    // Close the current block at its share of the rows, or when each block still to come needs one of the dates left.
    const mustCut = current !== undefined && k < count - 1 && dates.length - d <= count - 1 - k;
    const shareReached = current !== undefined && k < count - 1 && seen >= ((k + 1) * gameDates.length) / count;
    if (current === undefined || mustCut || shareReached) blocks.push({ from: dates[d], to: dates[d], rows: [...rows] });
    else {
      current.to = dates[d];
      current.rows.push(...rows);
    }
    seen += rows.length;
  }
  return blocks;
}

/** One fold of an out-of-fold fit: the block it predicts and the rows (ascending) of every other block it is fitted on. */
export interface DateBlockFold {
  held: DateBlock;
  fitRows: number[];
}

/**
 * The out-of-fold folds of rows by game date (the trainer's minutes projection and the backtest's walk-forward minutes
 * model both cut their rows this way): each block of {@link dateBlocks} predicted by a fit on all the other rows.
 */
export function dateBlockFolds(gameDates: readonly string[], count: number): DateBlockFold[] {
  const blocks = dateBlocks(gameDates, count);
  return blocks.map((held, b) => ({ held, fitRows: blocks.flatMap((block, k) => (k === b ? [] : block.rows)).sort((x, y) => x - y) }));
}
