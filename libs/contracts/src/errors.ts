import type { z } from 'zod';

/** Formats zod issues as `field: problem` lines, e.g. `data.counts.inserted: Invalid input: expected number`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}

/** A message (event or job payload) that is not valid JSON or breaks its contract. */
export class InvalidMessageError extends Error {
  override readonly name = 'InvalidMessageError';

  /** @param issues one `field: problem` line per violation */
  constructor(
    readonly issues: readonly string[],
    readonly zodIssues: readonly z.core.$ZodIssue[] = [],
  ) {
    super(`invalid message: ${issues.join('; ')}`);
  }

  /** Builds the error from a failed zod parse. */
  static fromZod(error: z.ZodError): InvalidMessageError {
    return new InvalidMessageError(formatIssues(error.issues), error.issues);
  }
}
