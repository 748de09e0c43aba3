import { z } from 'zod';

/** One environment variable: its parser, default, one-line description and whether it is a secret. */
export interface EnvVarSpec<T = unknown> {
  schema: z.ZodType<T>;
  default?: string;
  description: string;
  sensitive?: boolean;
}

export type ConfigSpec = Record<string, EnvVarSpec>;

export type ConfigOf<S extends ConfigSpec> = { [K in keyof S]: S[K] extends EnvVarSpec<infer T> ? T : never };

/** Declares an environment variable with a description (used for validation messages and the README table). */
export function envVar<T>(schema: z.ZodType<T>, description: string, opts: { default?: string; sensitive?: boolean } = {}): EnvVarSpec<T> {
  return { schema, description, default: opts.default, sensitive: opts.sensitive };
}

/** Raised at start-up when an environment variable is missing or malformed; the message is one line. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
    description: string,
  ) {
    super(`invalid configuration: ${variable} ${problem} (${description})`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates every variable of `spec` from `env`; throws ConfigError naming the first bad one. */
export function loadConfig<S extends ConfigSpec>(spec: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(spec)) {
    const raw = env[name] !== undefined && env[name] !== '' ? env[name] : v.default;
    if (raw === undefined) throw new ConfigError(name, 'is required but not set', v.description);
    const parsed = v.schema.safeParse(raw);
    if (!parsed.success) {
      const shown = v.sensitive ? '<hidden>' : JSON.stringify(raw);
      throw new ConfigError(name, `is malformed: ${shown}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, v.description);
    }
    out[name] = parsed.data;
  }
  return out as ConfigOf<S>;
}

/** Renders the spec as Markdown table rows (variable, default, meaning) for the README. */
export function renderConfigTable(spec: ConfigSpec): string[] {
  return Object.entries(spec).map(([name, v]) => `| \`${name}\` | ${v.default === undefined ? '(required)' : v.default === '' ? '(empty)' : `\`${v.default}\``} | ${v.description} |`);
}
