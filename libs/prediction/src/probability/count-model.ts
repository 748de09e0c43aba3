import { z } from 'zod';
import { InsufficientDataError, InvalidInputError, ModelStateError } from '../errors';
import { assertFinite } from '../validation';
import { COUNT_FAMILIES, countOverUnder, type CountDistribution, type CountFamily } from './count-distribution';
import type { OverUnder } from './line-probabilities';

/** One fitting row: a held-out predicted mean and the realised (non-negative integer) stat. */
export interface CountFitRow {
  predicted: number;
  actual: number;
}

/** Bucketing of {@link CountModel.fit}. */
export interface CountModelOptions {
  /** Upper bound on predicted-mean buckets, each with its own shape parameter (default 8). */
  maxBuckets?: number;
  /** Fewest rows per bucket (default 300). */
  minRowsPerBucket?: number;
}

export const COUNT_MODEL_VERSION = 1;

const BucketSchema = z.object({
  centre: z.number(),
  predictedMin: z.number(),
  predictedMax: z.number(),
  count: z.number().int().positive(),
  /** negbin: size r; zip: zero share π; normal: sd; poisson: 0 (no parameter). */
  parameter: z.number().nonnegative(),
});

const CountModelSchema = z.object({
  kind: z.literal('count-model'),
  version: z.literal(COUNT_MODEL_VERSION),
  family: z.enum(COUNT_FAMILIES),
  buckets: z.array(BucketSchema).min(1),
});

/** Serialised {@link CountModel}. */
export type CountModelJSON = z.infer<typeof CountModelSchema>;

/** Range of the negative binomial size searched (1e4 is Poisson for every stat's means). */
const NEGBIN_SIZE = { min: 0.05, max: 1e4 };
const ZIP_SHARE_MAX = 0.9;
const MIN_SD = 0.25;

/**
 * A count distribution family around the predicted mean, with its shape parameter fitted by maximum likelihood per
 * predicted-mean bucket (equal-count buckets of held-out predictions): the negative binomial's dispersion, the
 * zero-inflated Poisson's zero share, the discretised normal's sd. Between bucket centres the parameter is
 * interpolated (the negative binomial's on a log scale), beyond the outer centres it is held. Fitted on
 * (prediction, outcome) pairs only: no line, real or proxy, enters the fit.
 */
export class CountModel {
  private constructor(private readonly state: CountModelJSON) {}

  /** Fits `family` on held-out rows; throws InsufficientDataError with fewer rows than one bucket needs. */
  static fit(family: CountFamily, rows: readonly CountFitRow[], options: CountModelOptions = {}): CountModel {
    const maxBuckets = options.maxBuckets ?? 8;
    const minRows = options.minRowsPerBucket ?? 300;
    if (!(COUNT_FAMILIES as readonly string[]).includes(family)) throw new InvalidInputError(`unknown count family ${String(family)}`);
    if (!Number.isInteger(maxBuckets) || maxBuckets < 1) throw new InvalidInputError(`maxBuckets must be a positive integer, got ${maxBuckets}`);
    if (!Number.isInteger(minRows) || minRows < 1) throw new InvalidInputError(`minRowsPerBucket must be a positive integer, got ${minRows}`);
    if (rows.length < minRows) throw new InsufficientDataError(`count model needs at least ${minRows} rows, got ${rows.length}`);
    rows.forEach((r, i) => {
      assertFinite(r.predicted, `rows[${i}].predicted`);
      if (!(Number.isInteger(r.actual) && r.actual >= 0)) throw new InvalidInputError(`rows[${i}].actual must be a non-negative integer, got ${String(r.actual)}`);
    });
    const sorted = [...rows].sort((a, b) => a.predicted - b.predicted);
    const n = sorted.length;
    const bucketCount = Math.max(1, Math.min(maxBuckets, Math.floor(n / minRows)));
    const buckets: CountModelJSON['buckets'] = [];
    for (let b = 0; b < bucketCount; b++) {
      const slice = sorted.slice(Math.round((b * n) / bucketCount), Math.round(((b + 1) * n) / bucketCount));
      const centre = slice[Math.floor(slice.length / 2)].predicted;
      const previous = buckets[buckets.length - 1];
      const bucket = { centre, predictedMin: slice[0].predicted, predictedMax: slice[slice.length - 1].predicted, count: slice.length, parameter: fitParameter(family, slice) };
      // Tied predictions can give two buckets the same centre: merge them (refit on the union).
      if (previous && !(centre > previous.centre)) {
        const union = sorted.filter((r) => r.predicted >= previous.predictedMin && r.predicted <= bucket.predictedMax);
        buckets[buckets.length - 1] = { ...previous, predictedMax: bucket.predictedMax, count: union.length, parameter: fitParameter(family, union) };
      } else buckets.push(bucket);
    }
    return new CountModel({ kind: 'count-model', version: COUNT_MODEL_VERSION, family, buckets });
  }

  /** Restores a model from {@link CountModel.toJSON}; throws ModelStateError when malformed. */
  static fromJSON(json: unknown): CountModel {
    const parsed = CountModelSchema.safeParse(json);
    if (!parsed.success) throw new ModelStateError(`invalid count model state: ${z.prettifyError(parsed.error)}`);
    const b = parsed.data.buckets;
    for (let i = 1; i < b.length; i++) if (!(b[i].centre > b[i - 1].centre)) throw new ModelStateError('invalid count model state: bucket centres must be strictly increasing');
    if (parsed.data.family === 'negbin' && b.some((x) => x.parameter <= 0)) throw new ModelStateError('invalid count model state: negbin dispersion must be positive');
    if (parsed.data.family === 'zip' && b.some((x) => x.parameter >= 1)) throw new ModelStateError('invalid count model state: zip zero share must be below 1');
    if (parsed.data.family === 'normal' && b.some((x) => x.parameter <= 0)) throw new ModelStateError('invalid count model state: normal sd must be positive');
    return new CountModel(parsed.data);
  }

  get family(): CountFamily {
    return this.state.family;
  }

  /** The distribution of the outcome given a predicted mean (negative means are floored at 0). */
  distribution(predicted: number): CountDistribution {
    assertFinite(predicted, 'predicted');
    const mean = Math.max(0, predicted);
    switch (this.state.family) {
      case 'poisson':
        return { family: 'poisson', mean };
      case 'negbin':
        return { family: 'negbin', mean, dispersion: this.interpolate(mean, true) };
      case 'zip':
        return { family: 'zip', mean, zeroShare: this.interpolate(mean, false) };
      case 'normal':
        return { family: 'normal', mean, sd: this.interpolate(mean, false) };
    }
  }

  /** Over/under/push of `line` given the predicted mean. */
  overUnder(predicted: number, line: number): OverUnder {
    return countOverUnder(this.distribution(predicted), line);
  }

  /** JSON-serialisable state (a copy). */
  toJSON(): CountModelJSON {
    return structuredClone(this.state);
  }

  /** The bucket parameter at `mean`: linear (in its log when `logScale`) between centres, held beyond them. */
  private interpolate(mean: number, logScale: boolean): number {
    const b = this.state.buckets;
    if (b.length === 1 || mean <= b[0].centre) return b[0].parameter;
    const last = b.length - 1;
    if (mean >= b[last].centre) return b[last].parameter;
    let i = 0;
    while (b[i + 1].centre <= mean) i++;
    const w = (mean - b[i].centre) / (b[i + 1].centre - b[i].centre);
    const [lo, hi] = logScale ? [Math.log(b[i].parameter), Math.log(b[i + 1].parameter)] : [b[i].parameter, b[i + 1].parameter];
    const value = lo + w * (hi - lo);
    return logScale ? Math.exp(value) : value;
  }
}

/** Maximum-likelihood shape parameter of one bucket. */
function fitParameter(family: CountFamily, rows: readonly CountFitRow[]): number {
  switch (family) {
    case 'poisson':
      return 0;
    case 'normal': {
      let ss = 0;
      for (const r of rows) ss += (r.actual - r.predicted) ** 2;
      return Math.max(MIN_SD, Math.sqrt(ss / rows.length));
    }
    case 'negbin': {
      const logR = goldenMax((lr) => negbinLogLik(rows, Math.exp(lr)), Math.log(NEGBIN_SIZE.min), Math.log(NEGBIN_SIZE.max));
      return Math.exp(logR);
    }
    case 'zip':
      return goldenMax((pi) => zipLogLik(rows, pi), 0, ZIP_SHARE_MAX);
  }
}

function negbinLogLik(rows: readonly CountFitRow[], r: number): number {
  let sum = 0;
  const lgR = logGamma(r);
  for (const { predicted, actual: k } of rows) {
    const m = Math.max(1e-6, predicted);
    sum += logGamma(k + r) - lgR - logGamma(k + 1) + r * Math.log(r / (r + m)) + k * Math.log(m / (r + m));
  }
  return sum;
}

function zipLogLik(rows: readonly CountFitRow[], pi: number): number {
  let sum = 0;
  for (const { predicted, actual: k } of rows) {
    const lambda = Math.max(1e-6, predicted) / (1 - pi);
    const poissonLog = k * Math.log(lambda) - lambda - logGamma(k + 1);
    sum += k === 0 ? Math.log(pi + (1 - pi) * Math.exp(-lambda)) : Math.log(1 - pi) + poissonLog;
  }
  return sum;
}

/** Argmax of a unimodal function on [lo, hi] by golden-section search. */
function goldenMax(f: (x: number) => number, lo: number, hi: number, iterations = 60): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < iterations; i++) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

const LANCZOS = [676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = 0.9999999999998099;
  const t = z + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += LANCZOS[i] / (z + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
