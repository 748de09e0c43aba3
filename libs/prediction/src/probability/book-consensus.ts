import { InvalidInputError } from '../errors';
import { removeVig } from '../pricing/vig';

/** One book's quote of a prop at one snapshot. */
export interface BookQuote {
  book: string;
  line: number;
  overPrice: number | null;
  underPrice: number | null;
  capturedAt: Date;
}

/** What {@link bookConsensus} prices. */
export interface ConsensusRequest {
  /** The line being priced. */
  line: number;
  /** The book being priced: its own quotes are left out (its price is already the market input). */
  book: string;
  /** Only quotes captured strictly before this instant count (what a prediction at the cutoff could have seen). */
  cutoffAt: Date;
  /**
   * P(over | no push) of the model at a line: moves another book's vig-free P(over) at its own line to the priced
   * line (logit shift by the model's difference between the two lines). Without it, only books quoting the priced
   * line count.
   */
  modelOverAt?: (line: number) => number;
}

/** The consensus of the other books: mean of their vig-free logits, each moved to the priced line. */
export interface BookConsensus {
  over: number;
  /** Books that contributed. */
  books: number;
}

const CLIP = 0.005;

/**
 * The other books' consensus P(over | no push) for a prop: for each book other than the priced one, its latest quote
 * with both prices captured before the cutoff, de-vigged (multiplicative), moved to the priced line when its line
 * differs, then combined as the mean of logits. Null when no other book qualifies. Quotes may be in any order.
 */
export function bookConsensus(quotes: readonly BookQuote[], req: ConsensusRequest): BookConsensus | null {
  if (!Number.isFinite(req.line)) throw new InvalidInputError(`line must be finite, got ${String(req.line)}`);
  if (!(req.cutoffAt instanceof Date) || Number.isNaN(req.cutoffAt.getTime())) throw new InvalidInputError('cutoffAt must be a valid Date');
  const latest = new Map<string, BookQuote>();
  for (const q of quotes) {
    if (q.book === req.book || q.overPrice === null || q.underPrice === null) continue;
    if (q.capturedAt.getTime() >= req.cutoffAt.getTime()) continue;
    const seen = latest.get(q.book);
    if (!seen || q.capturedAt.getTime() > seen.capturedAt.getTime()) latest.set(q.book, q);
  }
  const logits: number[] = [];
  const target = req.modelOverAt && [...latest.values()].some((q) => q.line !== req.line) ? logit(req.modelOverAt(req.line)) : 0;
  for (const q of latest.values()) {
    const own = logit(removeVig(q.overPrice as number, q.underPrice as number).over);
    if (q.line === req.line) logits.push(own);
    else if (req.modelOverAt) logits.push(own + target - logit(req.modelOverAt(q.line)));
  }
  if (logits.length === 0) return null;
  return { over: sigmoid(logits.reduce((s, x) => s + x, 0) / logits.length), books: logits.length };
}

function logit(p: number): number {
  const q = Math.min(1 - CLIP, Math.max(CLIP, p));
  return Math.log(q / (1 - q));
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
