import { GameDate } from '@propcast/common';
import { InvalidGradingRequestError } from '../errors';

/** Returns `value` when it is a real `YYYY-MM-DD` date; throws InvalidGradingRequestError naming `field` otherwise. */
export function parseDate(value: string, field: string): string {
  if (!GameDate.isValid(value)) throw new InvalidGradingRequestError(`${field} must be a date YYYY-MM-DD, got "${value}"`);
  return value;
}

/** Checks `from <= to` (both valid dates) and returns them. */
export function parseDateRange(from: string, to: string): { from: string; to: string } {
  parseDate(from, 'from');
  parseDate(to, 'to');
  if (from > to) throw new InvalidGradingRequestError(`from (${from}) is after to (${to})`);
  return { from, to };
}
