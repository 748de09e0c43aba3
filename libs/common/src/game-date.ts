import { CodedError } from './coded-error';

/**
 * A calendar date written `YYYY-MM-DD` in UTC: what games, slates, training windows and grading runs are keyed
 * by. Kept as the plain string (it is what Postgres, CSVs and URLs carry) so values compare and sort in date
 * order; `GameDate.parse` is the one place that decides whether a string is one.
 */
export type GameDate = string;

const DAY_MS = 86_400_000;
const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** A string that is not a real `YYYY-MM-DD` date (wrong shape, or impossible like 2024-02-30). */
export class InvalidGameDateError extends CodedError<'INVALID_GAME_DATE'> {
  readonly code = 'INVALID_GAME_DATE' as const;

  constructor(
    readonly field: string,
    readonly value: unknown,
  ) {
    super(`${field} must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
}

const epochMs = (date: GameDate): number => Date.parse(`${date}T00:00:00Z`);

export const GameDate = {
  /** True for a real calendar date written `YYYY-MM-DD` (2024-02-29 yes, 2023-02-29 and 2024-13-01 no). */
  isValid(value: unknown): value is GameDate {
    if (typeof value !== 'string' || !SHAPE.test(value)) return false;
    const ms = epochMs(value);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
  },

  /** `value` when it is a real date; otherwise throws InvalidGameDateError naming `field`. */
  parse(value: unknown, field: string): GameDate {
    if (!GameDate.isValid(value)) throw new InvalidGameDateError(field, value);
    return value;
  },

  /** `from` and `to` when both are dates and `from <= to`. */
  parseRange(from: unknown, to: unknown, fields: { from: string; to: string } = { from: 'from', to: 'to' }): { from: GameDate; to: GameDate } {
    const range = { from: GameDate.parse(from, fields.from), to: GameDate.parse(to, fields.to) };
    if (range.from > range.to) throw new InvalidGameDateError(fields.from, `${range.from} (after ${fields.to} ${range.to})`);
    return range;
  },

  /** The date `days` after `date` (negative goes back). */
  addDays(date: GameDate, days: number): GameDate {
    return new Date(epochMs(date) + days * DAY_MS).toISOString().slice(0, 10);
  },

  /** Whole days from `from` to `to` (positive when `to` is later). */
  daysBetween(from: GameDate, to: GameDate): number {
    return Math.round((epochMs(to) - epochMs(from)) / DAY_MS);
  },

  /** Every date from `from` to `to`, both included (empty when `from > to`). */
  range(from: GameDate, to: GameDate): GameDate[] {
    const out: GameDate[] = [];
    for (let d = from; d <= to; d = GameDate.addDays(d, 1)) out.push(d);
    return out;
  },

  /** Midnight UTC at the start of the date: anything known at or after it is not known "before the day". */
  startOf(date: GameDate): Date {
    return new Date(`${date}T00:00:00.000Z`);
  },

  /** The UTC calendar date of an instant. */
  of(instant: Date): GameDate {
    return instant.toISOString().slice(0, 10);
  },
};
