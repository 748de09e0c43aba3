/**
 * Base of every library's typed errors: `code` is the machine-readable category callers (HTTP, CLI, workers)
 * react to, `name` is the concrete class, so logs and `instanceof` both tell errors apart.
 */
export abstract class CodedError<Code extends string = string> extends Error {
  abstract readonly code: Code;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }

  /**
   * The HTTP status a service answers this error with: every service's one error filter (libs/observability
   * HttpErrorFilter) reads it, so the mapping of a lib's errors lives beside them. Undefined: an internal error (500).
   */
  get httpStatus(): number | undefined {
    return undefined;
  }

  /** What the error body's `details` carries (e.g. the bad fields), if anything. */
  httpDetails(): Record<string, unknown> | undefined {
    return undefined;
  }
}

/**
 * The base class of a lib's errors whose HTTP status is looked up by code in one table (the compiler checks that every
 * code has a status): `export abstract class ServingError extends CodedErrorWithStatus<ServingErrorCode>({...}) {}`.
 */
export function CodedErrorWithStatus<Code extends string>(statuses: Readonly<Record<Code, number>>) {
  abstract class StatusCodedError extends CodedError<Code> {
    override get httpStatus(): number {
      return statuses[this.code];
    }
  }
  return StatusCodedError;
}
