import { InvalidInputError } from '../errors';
import { MarketCombiner, type CombinerFitRow } from './market-combiner';

/** Options of {@link choosePenaltyWalkForward}. */
export interface PenaltyChoiceOptions {
  /** The first day the combination will price: only rows dated strictly before it are looked at. */
  asOf: string;
  /** Fewest rows a fold's fit needs (as {@link MarketCombiner.fit}; default 200). */
  minRows?: number;
  /** Candidate penalties (default {@link DEFAULT_PENALTY_CANDIDATES}). */
  candidates?: readonly number[];
  /** Walk-forward folds scored (default 4). */
  folds?: number;
}

/** The penalty chosen, and every candidate's out-of-sample log loss on the folds (null when no fold could be scored). */
export interface PenaltyChoice {
  penalty: number;
  /** Rows scored out of sample (0: too few rows, the largest candidate, closest to the market, was taken). */
  scoredRows: number;
  folds: number;
  candidates: { penalty: number; logLoss: number | null }[];
}

/** Ridge penalties tried, from a free fit (1) to practically the market alone (100,000). */
export const DEFAULT_PENALTY_CANDIDATES: readonly number[] = [1, 10, 100, 1000, 10000, 100000];

/**
 * Chooses the ridge penalty of the market combination walk-forward, on earlier props only: the rows dated before
 * `asOf` after the first `minRows` are cut into `folds` consecutive blocks of whole days; each block is priced by a
 * combination fitted on the rows dated before the block's first day only, and every candidate penalty is scored by the
 * mean log loss over all blocks. The lowest wins; ties, and too few rows to score a block, go to the largest penalty
 * (the combination closest to the market alone). A row dated on or after `asOf` is never read.
 */
export function choosePenaltyWalkForward(rows: readonly CombinerFitRow[], options: PenaltyChoiceOptions): PenaltyChoice {
  const minRows = options.minRows ?? 200;
  const folds = options.folds ?? 4;
  const candidates = [...(options.candidates ?? DEFAULT_PENALTY_CANDIDATES)].sort((a, b) => a - b);
  if (candidates.length === 0 || candidates.some((c) => !(c >= 0) || !Number.isFinite(c))) {
    throw new InvalidInputError(`candidates must be finite penalties >= 0, got ${JSON.stringify(options.candidates)}`);
  }
  if (!Number.isInteger(folds) || folds < 1) throw new InvalidInputError(`folds must be a positive integer, got ${folds}`);
  const used = rows.filter((r) => r.gameDate < options.asOf).sort((a, b) => (a.gameDate < b.gameDate ? -1 : a.gameDate > b.gameDate ? 1 : 0));
  const starts = blockStarts(used, minRows, folds);
  const loss = candidates.map(() => 0);
  let scored = 0;
  starts.forEach((start, b) => {
    const end = starts[b + 1] ?? options.asOf;
    const test = used.filter((r) => r.gameDate >= start && r.gameDate < end);
    if (test.length === 0) return;
    candidates.forEach((penalty, c) => {
      const combiner = MarketCombiner.fit(used, { asOf: start, minRows, penalty });
      for (const r of test) {
        const p = Math.min(1 - 1e-12, Math.max(1e-12, combiner.combine(r, r.gameDate)));
        loss[c] -= r.over === 1 ? Math.log(p) : Math.log(1 - p);
      }
    });
    scored += test.length;
  });
  const scores = candidates.map((penalty, c) => ({ penalty, logLoss: scored > 0 ? loss[c] / scored : null }));
  let best = candidates.length - 1;
  if (scored > 0) {
    // Scan from the largest penalty down: a smaller one must be strictly better to win.
    for (let c = candidates.length - 2; c >= 0; c--) if ((scores[c].logLoss as number) < (scores[best].logLoss as number) - 1e-12) best = c;
  }
  return { penalty: candidates[best], scoredRows: scored, folds: starts.length, candidates: scores };
}

/** First day of each walk-forward block: whole days after the first `minRows` rows, in `folds` near-equal blocks. */
function blockStarts(sorted: readonly CombinerFitRow[], minRows: number, folds: number): string[] {
  if (sorted.length <= minRows) return [];
  const rest = sorted.length - minRows;
  const starts: string[] = [];
  for (let b = 0; b < folds; b++) {
    let i = minRows + Math.floor((b * rest) / folds);
    // A block starts at a day boundary, and only where at least minRows rows of earlier days exist to fit on.
    while (i < sorted.length && i > 0 && sorted[i - 1].gameDate === sorted[i].gameDate) i++;
    if (i >= sorted.length || i < minRows) continue;
    const day = sorted[i].gameDate;
    if (starts[starts.length - 1] !== day) starts.push(day);
  }
  return starts;
}

/**
 * Fits the market combination with the penalty chosen walk-forward on the rows before `options.asOf`
 * ({@link choosePenaltyWalkForward}); the choice is stored in the fit. Throws as {@link MarketCombiner.fit}.
 */
export function fitMarketCombinerWalkForward(rows: readonly CombinerFitRow[], options: PenaltyChoiceOptions): MarketCombiner {
  const choice = choosePenaltyWalkForward(rows, options);
  return MarketCombiner.fit(rows, {
    asOf: options.asOf,
    minRows: options.minRows,
    penalty: choice.penalty,
    penaltyChoice: { scoredRows: choice.scoredRows, folds: choice.folds, candidates: choice.candidates },
  });
}
