/** Result of {@link oneSidedPairedTest}. */
export interface PairedTestResult {
  n: number;
  /** Mean of the differences. */
  mean: number;
  /** Standard error of the mean (sample standard deviation / sqrt(n)). */
  standardError: number;
  /** t statistic (mean / standard error); null when n < 2 or every difference is equal. */
  t: number | null;
  /** One-sided p-value of "the mean difference is > 0" (Student t, n - 1 degrees of freedom); 1 when untestable. */
  pValue: number;
}

/**
 * One-sided paired t-test of H1 "mean(d) > 0" against H0 "mean(d) = 0" on paired differences d (here: the production
 * primary's per-prop Brier minus the challenger's, so a positive mean favours the challenger). With fewer than 2
 * differences, or none varying, the test cannot reject: p = 1 unless every difference is positive and equal (p = 0).
 */
export function oneSidedPairedTest(differences: readonly number[]): PairedTestResult {
  const n = differences.length;
  if (differences.some((d) => !Number.isFinite(d))) throw new RangeError('paired test: differences must be finite');
  if (n === 0) return { n, mean: 0, standardError: 0, t: null, pValue: 1 };
  const mean = differences.reduce((s, d) => s + d, 0) / n;
  if (n < 2) return { n, mean, standardError: 0, t: null, pValue: 1 };
  const variance = differences.reduce((s, d) => s + (d - mean) ** 2, 0) / (n - 1);
  const standardError = Math.sqrt(variance / n);
  if (!(standardError > 0)) return { n, mean, standardError: 0, t: null, pValue: mean > 0 ? 0 : 1 };
  const t = mean / standardError;
  return { n, mean, standardError, t, pValue: studentTUpperTail(t, n - 1) };
}

/**
 * One-sided Welch test of H1 "mean(x) > mean(y)" for two independent samples (unequal variances, Welch-Satterthwaite
 * degrees of freedom). Used where a challenger and production priced different props (a traffic split): x and y are
 * then each model's per-prop Brier minus the market's on its own props. p = 1 when either sample has fewer than 2.
 */
export function oneSidedWelchTest(x: readonly number[], y: readonly number[]): PairedTestResult {
  if ([...x, ...y].some((d) => !Number.isFinite(d))) throw new RangeError('Welch test: samples must be finite');
  const n = Math.min(x.length, y.length);
  const m = (a: readonly number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  if (x.length < 2 || y.length < 2) return { n, mean: x.length && y.length ? m(x) - m(y) : 0, standardError: 0, t: null, pValue: 1 };
  const mx = m(x);
  const my = m(y);
  const vx = x.reduce((s, v) => s + (v - mx) ** 2, 0) / (x.length - 1) / x.length;
  const vy = y.reduce((s, v) => s + (v - my) ** 2, 0) / (y.length - 1) / y.length;
  const standardError = Math.sqrt(vx + vy);
  const mean = mx - my;
  if (!(standardError > 0)) return { n, mean, standardError: 0, t: null, pValue: mean > 0 ? 0 : 1 };
  const df = (vx + vy) ** 2 / (vx ** 2 / (x.length - 1) + vy ** 2 / (y.length - 1));
  const t = mean / standardError;
  return { n, mean, standardError, t, pValue: studentTUpperTail(t, df) };
}

/** P(T > t) for Student's t with `df` degrees of freedom. */
export function studentTUpperTail(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
  const x = df / (df + t * t);
  const tail = 0.5 * regularizedIncompleteBeta(x, df / 2, 0.5); // P(|T| > |t|) / 2
  return t >= 0 ? tail : 1 - tail;
}

/** I_x(a, b), the regularised incomplete beta function (continued fraction, Lentz's method). */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-14) break;
  }
  return h;
}

/** ln Γ(z) for z > 0 (Lanczos approximation, g = 7). */
function logGamma(z: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const zz = z - 1;
  let x = c[0];
  for (let i = 1; i < g + 2; i++) x += c[i] / (zz + i);
  const t = zz + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(t) - t + Math.log(x);
}
