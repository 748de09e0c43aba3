import { InvalidGradingRequestError } from '../errors';

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Returns `value` when it is a real `YYYY-MM-DD` date; throws InvalidGradingRequestError naming `field` otherwise. */
export function parseDate(value: string, field: string): string {
  if (!ISO_DATE.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new InvalidGradingRequestError(`${field} must be a date YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

/** Checks `from <= to` (both valid dates) and returns them. */
export function parseDateRange(from: string, to: string): { from: string; to: string } {
  parseDate(from, 'from');
  parseDate(to, 'to');
  if (from > to) throw new InvalidGradingRequestError(`from (${from}) is after to (${to})`);
  return { from, to };
}

/** The date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Midnight UTC at the start of a date: anything known at or after it is not known "before the day". */
export function startOfDate(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** The UTC calendar date of an instant. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
