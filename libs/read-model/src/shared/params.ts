import { z } from 'zod';
import { ALL_STATS, StatType } from '@propcast/contracts';
import { InvalidParameterError, type ParameterProblem } from '../errors';

/** `YYYY-MM-DD`, a real calendar date. */
export const DateParam = z.iso.date({ error: 'must be a date YYYY-MM-DD' });

/** A stat name, any case. */
export const StatParam = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.enum(StatType, { error: `must be one of ${ALL_STATS.join(', ')}` }));

/** A positive integer given as text. */
export const PositiveIntParam = z.coerce.number({ error: 'must be a number' }).int({ error: 'must be an integer' }).positive({ error: 'must be positive' });

/** A finite number given as text. */
export const NumberParam = z.coerce.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a finite number');

/** American odds (e.g. -110, +150) given as text. */
export const AmericanOddsParam = z.coerce
  .number({ error: 'must be American odds' })
  .int({ error: 'must be whole American odds, e.g. -110 or 150' })
  .refine((x) => Math.abs(x) >= 100, 'must be American odds with |odds| >= 100, e.g. -110 or 150');

/** OVER / UNDER / PASS, any case. */
export const RecommendationParam = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.enum(['OVER', 'UNDER', 'PASS'], { error: 'must be OVER, UNDER or PASS' }));

/** `json` (default) or `csv`: the list routes' output format. */
export const FormatParam = z.enum(['json', 'csv'], { error: 'must be json or csv' }).optional();

/** A non-empty trimmed text. */
export const TextParam = z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' });

/**
 * Validates raw query parameters or a body against `schema`; throws InvalidParameterError naming every bad
 * parameter (unknown ones included, so a typo such as `?stats=` is a 400 rather than a silently ignored filter).
 */
export function parseParams<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  throw new InvalidParameterError(parsed.error.issues.flatMap((issue) => toProblems(issue, raw)));
}

function toProblems(issue: z.core.$ZodIssue, raw: unknown): ParameterProblem[] {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ parameter: key, problem: 'is not a known parameter' }));
  const parameter = issue.path.length === 0 ? '(request)' : issue.path.map(String).join('.');
  // A coerced value that fails (e.g. `minEdge=lots`) reports no input either: only a value that is absent is missing.
  const missing = issue.code === 'invalid_type' && issue.path.length > 0 && valueAt(raw, issue.path) === undefined;
  return [{ parameter, problem: missing ? 'is required' : issue.message }];
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}
