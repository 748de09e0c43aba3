import { GameDate } from '@propcast/common';
import { z } from 'zod';
import { InsufficientDataError, InvalidInputError, ModelStateError } from '../errors';
import { assertFinite, assertProbability } from '../validation';

/** What the combination looks at for one priced prop. */
export interface CombinerInput {
  /** The model's P(over | no push). */
  modelOver: number;
  /** The vig-free market P(over) of the same line (the two sides' implied probabilities normalised). */
  marketOver: number;
  line: number;
  /** The model's predicted mean. */
  mean: number;
  /**
   * The other books' de-vigged consensus P(over) at the same line (book-consensus.ts); absent or null when no other
   * book quoted before the cutoff, which makes the consensus term zero (the combination then rests on the market).
   */
  consensusOver?: number | null;
}

/** A graded prop the combination may be fitted on: a real book's line and prices, and how it ended. */
export interface CombinerFitRow extends CombinerInput {
  /** Game date (YYYY-MM-DD): the prop was graded after its game, so it may only train a combination used on later days. */
  gameDate: string;
  /** The book of the line; PROXY lines are refused (they are not a market). */
  book: string;
  /** 1 over, 0 under (pushes and voids are not fitting rows). */
  over: 0 | 1;
}

/** Options of {@link MarketCombiner.fit}. */
export interface CombinerOptions {
  /** The first day the combination prices: only rows dated strictly before it are used. */
  asOf: string;
  /** Fewest rows to fit (default 200). */
  minRows?: number;
  /**
   * Ridge penalty pulling the coefficients towards "the market alone" (intercept 0, model 0, market 1, gap 0);
   * default 10 (rows' log-likelihood units), so a thin fit stays close to the market.
   */
  penalty?: number;
  /** How the penalty was chosen (recorded with the fit; see choosePenaltyWalkForward). */
  penaltyChoice?: PenaltyChoiceRecord;
  /**
   * Ridge penalty of the consensus weight alone (default 1): the other books are market information, not the model's,
   * so the heavy shrinkage that guards against the model's noise would also keep the combination from following them.
   */
  consensusPenalty?: number;
}

/** 2: adds the consensus term; version-1 states (no consensus) still load, with its coefficient 0. */
export const MARKET_COMBINER_VERSION = 2;
/** Book under which proxy lines are stored. */
export const PROXY_LINE_BOOK = 'PROXY';
const CLIP = 0.005;

const PenaltyChoiceSchema = z.object({
  scoredRows: z.number().int().nonnegative(),
  folds: z.number().int().nonnegative(),
  candidates: z.array(z.object({ penalty: z.number().nonnegative(), logLoss: z.number().nullable() })),
});
/** The walk-forward choice of the penalty, stored with the fit. */
export type PenaltyChoiceRecord = z.infer<typeof PenaltyChoiceSchema>;

const CoefficientsSchema = z.object({
  intercept: z.number(),
  model: z.number(),
  market: z.number(),
  gap: z.number(),
  /** Weight of logit(consensus) - logit(market); version-1 states have none (0). */
  consensus: z.number().default(0),
});
const MarketCombinerSchema = z.object({
  kind: z.literal('market-combiner'),
  version: z.union([z.literal(1), z.literal(MARKET_COMBINER_VERSION)]),
  coefficients: CoefficientsSchema,
  fit: z.object({
    rows: z.number().int().positive(),
    /** First and last game date of the fitting rows. */
    from: z.string().refine(GameDate.isValid, 'must be a date YYYY-MM-DD'),
    to: z.string().refine(GameDate.isValid, 'must be a date YYYY-MM-DD'),
    /** First day it may price: every fitting row is dated before it. */
    asOf: z.string().refine(GameDate.isValid, 'must be a date YYYY-MM-DD'),
    penalty: z.number().nonnegative(),
    /** Penalty of the consensus weight (absent: version-1 state, no consensus term). */
    consensusPenalty: z.number().nonnegative().optional(),
    /** In-sample log loss of the fitted combination, and of the market alone, on the fitting rows. */
    logLoss: z.number(),
    marketLogLoss: z.number(),
    /** Present when the penalty was chosen walk-forward on earlier props (absent: given). */
    penaltyChoice: PenaltyChoiceSchema.optional(),
  }),
});

/** Serialised {@link MarketCombiner}: coefficients and what it was fitted on. */
export type MarketCombinerJSON = z.infer<typeof MarketCombinerSchema>;
export type CombinerCoefficients = z.infer<typeof CoefficientsSchema>;

/**
 * The market-aware probability: a logistic regression of the outcome on logit(model P(over)), logit(vig-free market
 * P(over)) and the gap between the line and the predicted mean scaled by sqrt(mean + 1), fitted walk-forward on graded
 * props with a real book's prices only. Used where a prop has a real price; elsewhere the model's own probability stands.
 */
export class MarketCombiner {
  private constructor(private readonly state: MarketCombinerJSON) {}

  /**
   * Fits on the rows dated before `options.asOf` (later rows are left out: a prop graded on or after the day a
   * combination prices never trains it). Throws InvalidInputError on a PROXY row and InsufficientDataError when
   * fewer than minRows remain.
   */
  static fit(rows: readonly CombinerFitRow[], options: CombinerOptions): MarketCombiner {
    if (!GameDate.isValid(options.asOf)) throw new InvalidInputError(`asOf must be YYYY-MM-DD, got ${String(options.asOf)}`);
    const minRows = options.minRows ?? 200;
    const penalty = options.penalty ?? 10;
    if (!(penalty >= 0)) throw new InvalidInputError(`penalty must be >= 0, got ${penalty}`);
    const consensusPenalty = options.consensusPenalty ?? 1;
    if (!(consensusPenalty > 0)) throw new InvalidInputError(`consensusPenalty must be > 0, got ${consensusPenalty}`);
    const used: CombinerFitRow[] = [];
    rows.forEach((r, i) => {
      if (r.book.trim().toUpperCase() === PROXY_LINE_BOOK || r.book.trim() === '') {
        throw new InvalidInputError(`rows[${i}].book: the combination is fitted on real prices only, got ${JSON.stringify(r.book)}`);
      }
      if (!GameDate.isValid(r.gameDate)) throw new InvalidInputError(`rows[${i}].gameDate must be YYYY-MM-DD, got ${String(r.gameDate)}`);
      if (r.over !== 0 && r.over !== 1) throw new InvalidInputError(`rows[${i}].over must be 0 or 1, got ${String(r.over)}`);
      checkInput(r, `rows[${i}]`);
      if (r.gameDate < options.asOf) used.push(r);
    });
    if (used.length < minRows) throw new InsufficientDataError(`market combination needs ${minRows} graded real-priced props before ${options.asOf}, got ${used.length}`);
    const x = used.map(features);
    const y = used.map((r) => r.over);
    const beta = fitLogistic(x, y, PRIOR, [penalty, penalty, penalty, penalty, consensusPenalty]);
    const dates = used.map((r) => r.gameDate).sort();
    return new MarketCombiner({
      kind: 'market-combiner',
      version: MARKET_COMBINER_VERSION,
      coefficients: { intercept: beta[0], model: beta[1], market: beta[2], gap: beta[3], consensus: beta[4] },
      fit: {
        rows: used.length,
        from: dates[0],
        to: dates[dates.length - 1],
        asOf: options.asOf,
        penalty,
        consensusPenalty,
        logLoss: meanLogLoss(x, y, beta),
        marketLogLoss: meanLogLoss(x, y, PRIOR),
        ...(options.penaltyChoice ? { penaltyChoice: structuredClone(options.penaltyChoice) } : {}),
      },
    });
  }

  /** Restores a combination from {@link MarketCombiner.toJSON}; throws ModelStateError when malformed. */
  static fromJSON(json: unknown): MarketCombiner {
    const parsed = MarketCombinerSchema.safeParse(json);
    if (!parsed.success) throw new ModelStateError(`invalid market combiner state: ${z.prettifyError(parsed.error)}`);
    if (!(parsed.data.fit.to < parsed.data.fit.asOf)) throw new ModelStateError('invalid market combiner state: a fitting row is dated on or after asOf');
    return new MarketCombiner(parsed.data);
  }

  /** Coefficients and fit bookkeeping. */
  get fit(): MarketCombinerJSON['fit'] {
    return { ...this.state.fit };
  }

  get coefficients(): CombinerCoefficients {
    return { ...this.state.coefficients };
  }

  /**
   * Combined P(over | no push) of a prop of game date `gameDate`; throws ModelStateError when the combination was
   * fitted as of a later day (its rows could include props graded on or after this one's day).
   */
  combine(input: CombinerInput, gameDate: string): number {
    checkInput(input, 'input');
    if (gameDate < this.state.fit.asOf) throw new ModelStateError(`market combination fitted as of ${this.state.fit.asOf} cannot price a prop of ${gameDate}`);
    const c = this.state.coefficients;
    return sigmoid(dot(features(input), [c.intercept, c.model, c.market, c.gap, c.consensus]));
  }

  /** JSON-serialisable state (a copy). */
  toJSON(): MarketCombinerJSON {
    return structuredClone(this.state);
  }
}

/** "The market alone": the prior the penalty pulls towards. */
const PRIOR = [0, 0, 1, 0, 0];

/** The scaled gap between line and predicted mean. */
export function lineGap(line: number, mean: number): number {
  return (line - mean) / Math.sqrt(Math.max(0, mean) + 1);
}

function checkInput(r: CombinerInput, what: string): void {
  assertProbability(r.modelOver, `${what}.modelOver`);
  assertProbability(r.marketOver, `${what}.marketOver`);
  assertFinite(r.line, `${what}.line`);
  assertFinite(r.mean, `${what}.mean`);
  if (r.consensusOver !== undefined && r.consensusOver !== null) assertProbability(r.consensusOver, `${what}.consensusOver`);
}

/**
 * The consensus enters as its logit difference from the priced book's market, so a prop without other books (term 0)
 * and a version-1 state (coefficient 0) both reduce to the model + market combination.
 */
function features(r: CombinerInput): number[] {
  const market = logit(r.marketOver);
  const consensus = r.consensusOver === undefined || r.consensusOver === null ? 0 : logit(r.consensusOver) - market;
  return [1, logit(r.modelOver), market, lineGap(r.line, r.mean), consensus];
}

function logit(p: number): number {
  const q = Math.min(1 - CLIP, Math.max(CLIP, p));
  return Math.log(q / (1 - q));
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function meanLogLoss(x: readonly number[][], y: readonly number[], beta: readonly number[]): number {
  let s = 0;
  x.forEach((row, i) => {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(dot(row, beta))));
    s -= y[i] === 1 ? Math.log(p) : Math.log(1 - p);
  });
  return s / x.length;
}

/** Penalised maximum likelihood (Newton-Raphson): maximises sum log-lik - sum_j penalty_j/2 * (beta_j - prior_j)^2. */
function fitLogistic(x: readonly number[][], y: readonly number[], prior: readonly number[], penalty: readonly number[]): number[] {
  const d = prior.length;
  const beta = [...prior];
  for (let iter = 0; iter < 50; iter++) {
    const grad = beta.map((b, j) => -penalty[j] * (b - prior[j]));
    const hess = Array.from({ length: d }, (_, j) => Array.from({ length: d }, (_, k) => (j === k ? penalty[j] : 0)));
    x.forEach((row, i) => {
      const p = sigmoid(dot(row, beta));
      const w = p * (1 - p);
      for (let j = 0; j < d; j++) {
        grad[j] += (y[i] - p) * row[j];
        for (let k = 0; k < d; k++) hess[j][k] += w * row[j] * row[k];
      }
    });
    const step = solve(hess, grad);
    let change = 0;
    for (let j = 0; j < d; j++) {
      beta[j] += step[j];
      change = Math.max(change, Math.abs(step[j]));
    }
    if (change < 1e-9) break;
  }
  return beta;
}

/** Solves A s = b for a small symmetric positive-definite A (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    if (Math.abs(m[c][c]) < 1e-12) throw new InsufficientDataError('market combination: singular system (rows without variation)');
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const s = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let v = m[r][n];
    for (let k = r + 1; k < n; k++) v -= m[r][k] * s[k];
    s[r] = v / m[r][r];
  }
  return s;
}
