import type { FieldSource } from '../input/field-source';
import { ProblemCollector, ValidationFailedError } from '../validation/problems';
import type { FieldMap } from './field-map';
import {
  parseAmericanOdds,
  parseBoolean,
  parseCount,
  parseDecimal,
  parseGameDate,
  parseGameId,
  parseId,
  parseInstant,
  parseMinutes,
  parseSeason,
  parseSignedInt,
  parseStorableText,
  parseText,
  type RawValue,
} from './values';

/**
 * Reads the canonical fields of one record at a time. Every getter returns the value, null when the field
 * is blank or absent, or undefined when it is invalid (the problem is then already recorded with row and column name).
 */
export class RecordReader<F extends string> {
  private source: FieldSource | undefined;
  private problemsInRow = 0;
  /** Last valid parse per column: dates, game ids, seasons and team codes repeat on consecutive rows. */
  private readonly memo = new Map<number, { raw: string; value: unknown }>();
  /** Row number of the current record. */
  row = 0;

  constructor(
    readonly map: FieldMap<F>,
    private readonly problems: ProblemCollector,
  ) {}

  /** Moves to the next record. */
  load(record: FieldSource): void {
    this.source = record;
    this.row = record.row;
    this.problemsInRow = 0;
  }

  /** True when a problem was recorded for the current record. */
  get rowHasProblems(): boolean {
    return this.problemsInRow > 0;
  }

  /** True when the table has a column for the field. */
  has(f: F): boolean {
    return this.map.index[f] >= 0;
  }

  /** The raw value (undefined when the column is absent). */
  raw(f: F): RawValue {
    const i = this.map.index[f];
    return i < 0 ? undefined : this.source?.get(i);
  }

  /** Records a problem on the field of the current row. */
  problem(f: F, message: string): void {
    this.problems.add(this.row, this.map.name[f], message);
    this.problemsInRow++;
  }

  /** Trimmed text; undefined (problem recorded) when it holds a NUL byte. */
  text(f: F): string | null | undefined {
    try {
      return parseStorableText(this.raw(f), this.row, this.map.name[f]);
    } catch (err) {
      return this.invalid(err);
    }
  }

  /** A whole number from 0 to `max`. */
  count(f: F, max: number): number | null | undefined {
    const i = this.map.index[f];
    if (i < 0 || !this.source) return null;
    const fast = this.source.wholeNumber(i);
    if (fast <= max) return fast;
    try {
      return parseCount(this.source.get(i), this.row, this.map.name[f], max);
    } catch (err) {
      return this.invalid(err);
    }
  }

  /** A whole number within ±`limit`. */
  signed(f: F, limit: number): number | null | undefined {
    try {
      return parseSignedInt(this.raw(f), this.row, this.map.name[f], limit);
    } catch (err) {
      return this.invalid(err);
    }
  }

  /** A finite number. */
  decimal(f: F): number | null | undefined {
    try {
      return parseDecimal(this.raw(f), this.row, this.map.name[f]);
    } catch (err) {
      return this.invalid(err);
    }
  }

  /** A positive whole-number id. */
  id(f: F): number | null | undefined {
    const i = this.map.index[f];
    const fast = i < 0 || !this.source ? NaN : this.source.wholeNumber(i);
    if (fast > 0) return fast;
    try {
      return parseId(this.raw(f), this.row, this.map.name[f]);
    } catch (err) {
      return this.invalid(err);
    }
  }

  /** A boolean (1/0, true/false, yes/no). */
  bool(f: F): boolean | null | undefined {
    const i = this.map.index[f];
    const fast = i < 0 || !this.source ? NaN : this.source.wholeNumber(i);
    if (fast === 0 || fast === 1) return fast === 1;
    try {
      return parseBoolean(this.raw(f), this.row, this.map.name[f]);
    } catch (err) {
      return this.invalid(err);
    }
  }

  /** Decimal minutes from 34, 34.5, 34:12 or PT34M12S. */
  minutes(f: F): number | null | undefined {
    try {
      return parseMinutes(this.raw(f), this.row, this.map.name[f]);
    } catch (err) {
      return this.invalid(err);
    }
  }

  /** A calendar date as YYYY-MM-DD. */
  date(f: F): string | null | undefined {
    return this.memoized(f, parseGameDate);
  }

  /** An ISO-8601 instant (no zone = UTC). */
  instant(f: F): Date | null | undefined {
    try {
      return parseInstant(this.raw(f), this.row, this.map.name[f]);
    } catch (err) {
      return this.invalid(err);
    }
  }

  /** A 10-digit NBA GAME_ID. */
  gameId(f: F): string | null | undefined {
    return this.memoized(f, parseGameId);
  }

  /** A season label such as 2018-19. */
  season(f: F): string | null | undefined {
    return this.memoized(f, parseSeason);
  }

  /** `derive(text)` of the field's trimmed text, recomputed only when the text differs from the previous row's; null when blank. */
  derived<T>(f: F, derive: (text: string) => T): T | null {
    const i = this.map.index[f];
    if (i < 0 || !this.source) return null;
    const last = this.memo.get(i);
    if (last && this.source.sameAs(i, last.raw)) return last.value as T;
    const raw = this.source.get(i);
    const text = parseText(raw);
    if (text === null) return null;
    const value = derive(text);
    if (typeof raw === 'string') this.memo.set(i, { raw, value });
    return value;
  }

  /** American odds. */
  odds(f: F): number | null | undefined {
    try {
      return parseAmericanOdds(this.raw(f), this.row, this.map.name[f]);
    } catch (err) {
      return this.invalid(err);
    }
  }

  /** Reports a required field that is blank (nothing when it was invalid: that is already reported). */
  require<T>(f: F, value: T | null | undefined): value is T {
    if (value === null) this.problem(f, 'is required');
    return value !== null && value !== undefined;
  }

  /** Parses through a one-row memo of the last valid text value (invalid values are parsed, and reported, every time). */
  private memoized(f: F, parse: (v: RawValue, row: number, field: string) => string | null): string | null | undefined {
    const i = this.map.index[f];
    if (i < 0 || !this.source) return null;
    const last = this.memo.get(i);
    if (last && this.source.sameAs(i, last.raw)) return last.value as string;
    const raw = this.source.get(i);
    try {
      const value = parse(raw, this.row, this.map.name[f]);
      if (value !== null && typeof raw === 'string') this.memo.set(i, { raw, value });
      return value;
    } catch (err) {
      return this.invalid(err);
    }
  }

  private invalid(err: unknown): undefined {
    if (!(err instanceof ValidationFailedError)) throw err;
    this.problems.addError(err);
    this.problemsInRow++;
    return undefined;
  }
}
