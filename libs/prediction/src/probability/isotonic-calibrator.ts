import { z } from 'zod';
import { InsufficientDataError, InvalidInputError, ModelStateError } from '../errors';
import { assertBinary, assertProbability, assertSameLength } from '../validation';

/** Options of {@link IsotonicCalibrator.fit}. */
export interface IsotonicOptions {
  /** Calibrated probabilities are clamped to [eps, 1 - eps] (default 0.001). */
  eps?: number;
  /**
   * Minimum rows per block (default 200, binomial SE <= 0.035): after PAV, consecutive blocks are merged left to right until each
   * holds this many (the remainder joins the last block). Stops tiny pure 0/1 blocks at the edges of the range.
   */
  minBlockSize?: number;
}

export const ISOTONIC_CALIBRATOR_VERSION = 1;

const IsotonicSchema = z.object({
  kind: z.literal('isotonic-calibrator'),
  version: z.literal(ISOTONIC_CALIBRATOR_VERSION),
  eps: z.number().min(0).lt(0.5),
  x: z.array(z.number()).min(1),
  y: z.array(z.number().min(0).max(1)).min(1),
  weights: z.array(z.number().positive()).min(1),
});

/** Serialised {@link IsotonicCalibrator}: PAV blocks as (centre x, fitted rate y, row count). */
export type IsotonicCalibratorJSON = z.infer<typeof IsotonicSchema>;

/**
 * Monotone (non-decreasing) map from raw to calibrated probability, fitted by pool-adjacent-violators.
 * Each block is represented by its weighted mean raw probability (x) and observed hit rate (y);
 * `apply` interpolates linearly between block centres and clamps to [eps, 1 - eps]. Outside the fitted range
 * it interpolates towards the anchors (0, 0) and (1, 1) instead of holding the end rate: a calibrator fitted on
 * near-even lines (raw p ~ 0.35..0.65) would otherwise flatten a raw 0.8 to the last block's rate.
 */
export class IsotonicCalibrator {
  private constructor(private readonly state: IsotonicCalibratorJSON) {}

  /** Fits on raw probabilities and 0/1 outcomes by pool-adjacent-violators (ties in raw pooled first). */
  static fit(raw: readonly number[], outcomes: readonly number[], options: IsotonicOptions = {}): IsotonicCalibrator {
    const eps = options.eps ?? 0.001;
    const minBlockSize = options.minBlockSize ?? 200;
    if (!(eps >= 0 && eps < 0.5)) throw new InvalidInputError(`eps must be in [0, 0.5), got ${eps}`);
    if (!Number.isInteger(minBlockSize) || minBlockSize < 1) throw new InvalidInputError(`minBlockSize must be a positive integer, got ${minBlockSize}`);
    assertSameLength(raw, outcomes, 'isotonic fit');
    if (raw.length === 0) throw new InsufficientDataError('isotonic calibration needs at least one row');
    raw.forEach((p, i) => assertProbability(p, `raw[${i}]`));
    outcomes.forEach((o, i) => assertBinary(o, `outcomes[${i}]`));

    const order = raw.map((_, i) => i).sort((a, b) => raw[a] - raw[b]);
    const blocks: Block[] = [];
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      const tiedWithPrevious = k > 0 && raw[i] === raw[order[k - 1]];
      const top = blocks[blocks.length - 1];
      if (tiedWithPrevious) {
        top.sumX += raw[i];
        top.sumY += outcomes[i];
        top.w += 1;
      } else {
        poolViolators(blocks);
        blocks.push({ sumX: raw[i], sumY: outcomes[i], w: 1 });
      }
    }
    poolViolators(blocks);
    const merged = mergeSmallBlocks(blocks, minBlockSize);
    return new IsotonicCalibrator({
      kind: 'isotonic-calibrator',
      version: ISOTONIC_CALIBRATOR_VERSION,
      eps,
      x: merged.map((b) => b.sumX / b.w),
      y: merged.map((b) => b.sumY / b.w),
      weights: merged.map((b) => b.w),
    });
  }

  /** Restores a calibrator from {@link IsotonicCalibrator.toJSON} output; throws ModelStateError when malformed. */
  static fromJSON(json: unknown): IsotonicCalibrator {
    const parsed = IsotonicSchema.safeParse(json);
    if (!parsed.success) throw new ModelStateError(`invalid isotonic calibrator state: ${z.prettifyError(parsed.error)}`);
    const { x, y, weights } = parsed.data;
    if (y.length !== x.length || weights.length !== x.length) throw new ModelStateError('isotonic calibrator x, y and weights differ in length');
    for (let i = 1; i < x.length; i++) {
      if (!(x[i] > x[i - 1]) || y[i] < y[i - 1]) throw new ModelStateError('isotonic calibrator blocks must have increasing x and non-decreasing y');
    }
    return new IsotonicCalibrator(parsed.data);
  }

  /** Calibrated probability for a raw probability. */
  apply(p: number): number {
    assertProbability(p, 'p');
    const { x, y, eps } = this.state;
    const last = x.length - 1;
    let value: number;
    if (p <= x[0]) value = x[0] > 0 ? (y[0] * p) / x[0] : y[0];
    else if (p >= x[last]) value = x[last] < 1 ? y[last] + ((p - x[last]) / (1 - x[last])) * (1 - y[last]) : y[last];
    else {
      let i = 0;
      let hi = last;
      while (hi - i > 1) {
        const mid = (i + hi) >> 1;
        if (x[mid] <= p) i = mid;
        else hi = mid;
      }
      value = y[i] + ((p - x[i]) / (x[hi] - x[i])) * (y[hi] - y[i]);
    }
    return Math.min(1 - eps, Math.max(eps, value));
  }

  /** JSON-serialisable state (a copy). */
  toJSON(): IsotonicCalibratorJSON {
    return structuredClone(this.state);
  }
}

/** A PAV block: sums of raw probabilities and outcomes over its `w` rows. */
interface Block {
  sumX: number;
  sumY: number;
  w: number;
}

/** Merges the top blocks while the last block's mean outcome is below its predecessor's. */
function poolViolators(blocks: Block[]): void {
  while (blocks.length > 1) {
    const top = blocks[blocks.length - 1];
    const prev = blocks[blocks.length - 2];
    if (prev.sumY / prev.w <= top.sumY / top.w) return;
    prev.sumX += top.sumX;
    prev.sumY += top.sumY;
    prev.w += top.w;
    blocks.pop();
  }
}

/** Left-to-right merge of consecutive blocks until each has >= minSize rows; merging neighbours keeps the fit monotone. */
function mergeSmallBlocks(blocks: readonly Block[], minSize: number): Block[] {
  const out: Block[] = [];
  let acc: Block | undefined;
  for (const b of blocks) {
    acc = acc ? { sumX: acc.sumX + b.sumX, sumY: acc.sumY + b.sumY, w: acc.w + b.w } : { ...b };
    if (acc.w >= minSize) {
      out.push(acc);
      acc = undefined;
    }
  }
  if (acc) {
    const last = out.pop();
    out.push(last ? { sumX: last.sumX + acc.sumX, sumY: last.sumY + acc.sumY, w: last.w + acc.w } : acc);
  }
  return out;
}
