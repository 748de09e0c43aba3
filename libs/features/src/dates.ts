import { InvalidFeatureInputError } from './errors';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Converts a `YYYY-MM-DD` game date to whole days since 1970-01-01 (throws on a malformed date). */
export function gameDay(date: string): number {
  const m = ISO_DATE.exec(date);
  if (m === null) throw new InvalidFeatureInputError(`game date "${date}" is not YYYY-MM-DD`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new InvalidFeatureInputError(`game date "${date}" does not exist`);
  }
  return ms / DAY_MS;
}

/** Converts a Date or ISO instant to epoch milliseconds (throws when it is not a valid instant). */
export function instantMs(value: Date | string, what: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : value instanceof Date ? value.getTime() : NaN;
  if (Number.isNaN(ms)) throw new InvalidFeatureInputError(`${what} "${String(value)}" is not a valid instant`);
  return ms;
}
