import { CodedError } from '@propcast/common';

export type ReadModelErrorCode = 'INVALID_PARAMETER' | 'NOT_FOUND';

/** Base of the read model's typed errors. */
export abstract class ReadModelError extends CodedError<ReadModelErrorCode> {
  override get httpStatus(): number {
    return this.code === 'INVALID_PARAMETER' ? 400 : 404;
  }
}

/** One bad parameter: its name and what is wrong with it. */
export interface ParameterProblem {
  parameter: string;
  problem: string;
}

/** A query or body parameter that is missing or malformed (answered 400); `parameter` names the first one. */
export class InvalidParameterError extends ReadModelError {
  readonly code = 'INVALID_PARAMETER' as const;
  readonly parameter: string;

  constructor(readonly problems: readonly ParameterProblem[]) {
    super(problems.map((p) => `${p.parameter}: ${p.problem}`).join('; '));
    this.parameter = problems[0]?.parameter ?? '(request)';
  }

  /** `details.parameter` names the first bad parameter, `details.problems` every one. */
  override httpDetails(): Record<string, unknown> {
    return { parameter: this.parameter, problems: this.problems };
  }

  /** One bad parameter. */
  static of(parameter: string, problem: string): InvalidParameterError {
    return new InvalidParameterError([{ parameter, problem }]);
  }
}

/** The thing asked for does not exist (answered 404). */
export class NotFoundError extends ReadModelError {
  readonly code = 'NOT_FOUND' as const;
}
