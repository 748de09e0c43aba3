import { InvalidInputError } from './errors';

/** Throws unless `value` is a finite number. */
export function assertFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new InvalidInputError(`${what} must be a finite number, got ${String(value)}`);
}

/** Throws unless `value` is a probability in [0, 1]. */
export function assertProbability(value: number, what: string): void {
  if (!(value >= 0 && value <= 1)) throw new InvalidInputError(`${what} must be a probability in [0, 1], got ${String(value)}`);
}

/** Throws unless both arrays have the same length. */
export function assertSameLength(a: readonly unknown[], b: readonly unknown[], what: string): void {
  if (a.length !== b.length) throw new InvalidInputError(`${what}: length mismatch (${a.length} vs ${b.length})`);
}

/** Throws unless `value` is 0 or 1. */
export function assertBinary(value: number, what: string): void {
  if (value !== 0 && value !== 1) throw new InvalidInputError(`${what} must be 0 or 1, got ${String(value)}`);
}
