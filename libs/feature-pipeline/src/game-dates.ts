import { InvalidFeatureRequestError } from './errors';

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `value` is a real calendar date written `YYYY-MM-DD`. */
export function isGameDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** Returns `value` when it is a real `YYYY-MM-DD` date; throws InvalidFeatureRequestError naming `field` otherwise. */
export function parseGameDate(value: string, field: string): string {
  if (!isGameDate(value)) throw new InvalidFeatureRequestError(field, `must be a date YYYY-MM-DD, got "${value}"`);
  return value;
}

/** The date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Midnight UTC at the start of a game date. */
export function startOfGameDate(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** The UTC calendar date of an instant. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
