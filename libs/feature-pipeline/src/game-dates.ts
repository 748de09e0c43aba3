import { GameDate } from '@propcast/common';
import { InvalidFeatureRequestError } from './errors';

/** Returns `value` when it is a real `YYYY-MM-DD` date; throws InvalidFeatureRequestError naming `field` otherwise. */
export function parseGameDate(value: string, field: string): string {
  if (!GameDate.isValid(value)) throw new InvalidFeatureRequestError(field, `must be a date YYYY-MM-DD, got "${value}"`);
  return value;
}
