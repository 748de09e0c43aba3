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
}
