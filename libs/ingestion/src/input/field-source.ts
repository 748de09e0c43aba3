/** Random access to the fields of the record being read; only valid until the reader moves on. */
export interface FieldSource {
  readonly row: number;
  /** The raw value (text for CSV, any JSON value), undefined past the last field. */
  get(i: number): unknown;
  /** The field as a plain whole number ("7", "7.0", 7) read without allocating, or NaN for anything else (blank included). */
  wholeNumber(i: number): number;
  /** True when the field is exactly `text` (checked in place: repeated values cost no allocation). */
  sameAs(i: number, text: string): boolean;
  /** Every value, for reject files. */
  toArray(): unknown[];
}

/** Reads "7" or "7.000" from text[start, end) digit by digit; NaN when it is anything else. */
export function plainWholeNumber(text: string, start: number, end: number): number {
  if (end <= start || end - start > 9) return NaN;
  let n = 0;
  let i = start;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  if (i === start) return NaN;
  if (i === end) return n;
  if (text.charCodeAt(i) !== 46) return NaN;
  for (i++; i < end; i++) if (text.charCodeAt(i) !== 48) return NaN;
  return n;
}

/**
 * One unquoted CSV line seen in place: field boundaries are found with indexOf(',') and a field becomes a string only
 * when asked for, so numbers are parsed without allocating (box-score files are mostly numbers).
 */
export class LineFields implements FieldSource {
  row = 0;
  private text = '';
  private count = 0;
  /** Field i is text[bounds[i], bounds[i + 1] - 1). */
  private bounds = new Int32Array(64);

  /** Points at text[start, end) as the record of `row`. */
  reset(text: string, start: number, end: number, row: number): this {
    this.text = text;
    this.row = row;
    let n = 0;
    let bounds = this.bounds;
    bounds[n++] = start;
    for (let comma = text.indexOf(',', start); comma >= 0 && comma < end; comma = text.indexOf(',', comma + 1)) {
      if (n + 1 >= bounds.length) {
        const grown = new Int32Array(bounds.length * 2);
        grown.set(bounds);
        this.bounds = bounds = grown;
      }
      bounds[n++] = comma + 1;
    }
    bounds[n] = end + 1;
    this.count = n;
    return this;
  }

  get(i: number): unknown {
    return i < this.count ? this.text.slice(this.bounds[i], this.bounds[i + 1] - 1) : undefined;
  }

  wholeNumber(i: number): number {
    return i < this.count ? plainWholeNumber(this.text, this.bounds[i], this.bounds[i + 1] - 1) : NaN;
  }

  sameAs(i: number, text: string): boolean {
    if (i >= this.count) return false;
    const start = this.bounds[i];
    return this.bounds[i + 1] - 1 - start === text.length && this.text.startsWith(text, start);
  }

  toArray(): unknown[] {
    return Array.from({ length: this.count }, (_, i) => this.get(i));
  }
}

/** A record whose values are already separate (quoted CSV lines, JSON rows). */
export class ArrayFields implements FieldSource {
  constructor(
    readonly row: number,
    private readonly values: readonly unknown[],
  ) {}

  get(i: number): unknown {
    return this.values[i];
  }

  wholeNumber(i: number): number {
    const v = this.values[i];
    if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? v : NaN;
    return typeof v === 'string' ? plainWholeNumber(v, 0, v.length) : NaN;
  }

  sameAs(i: number, text: string): boolean {
    return this.values[i] === text;
  }

  toArray(): unknown[] {
    return [...this.values];
  }
}
