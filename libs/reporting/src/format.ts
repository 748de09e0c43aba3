/** A value to format: null, undefined and non-finite numbers print as `missing`. */
type Maybe = number | null | undefined;

const missingValue = (x: Maybe): x is null | undefined => x === null || x === undefined || !Number.isFinite(x);

/** A number with `digits` decimals (exponent notation from 1e9), or `missing` when null/NaN/infinite. */
export function num(x: Maybe, digits = 3, missing = '-'): string {
  if (missingValue(x)) return missing;
  return Math.abs(x) >= 1e9 ? x.toExponential(3) : x.toFixed(digits);
}

/** A share as a percentage with one decimal (0.123 -> `12.3%`), or `missing`. */
export function pct(x: Maybe, missing = '-'): string {
  return missingValue(x) ? missing : `${(100 * x).toFixed(1)}%`;
}

/** A number with an explicit sign (`+0.125`, `-1.000`): edges, EV, closing-line value; or `missing`. */
export function signed(x: Maybe, digits = 3, missing = '-'): string {
  return missingValue(x) ? missing : `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;
}

/** Money in betting units with a sign and two decimals (`+12.50u`, `-3.00u`), or `missing`. */
export function units(x: Maybe, missing = '-'): string {
  return missingValue(x) ? missing : `${signed(x, 2)}u`;
}

/** American odds as a bookmaker prints them (`+150`, `-110`), or `missing`. */
export function americanOdds(x: Maybe, missing = '-'): string {
  return missingValue(x) ? missing : x > 0 ? `+${x}` : String(x);
}

/** An axis tick label: no decimals from 100, one from 10, else two. */
export function tickLabel(x: number): string {
  const a = Math.abs(x);
  return a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : x.toFixed(2);
}
