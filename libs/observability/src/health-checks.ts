import { Client } from 'pg';
import Redis from 'ioredis';

/** A named dependency check used for readiness and the start-up gate. */
export interface HealthCheck {
  name: string;
  /** Where the dependency lives (host:port), for messages a person can act on. */
  target: string;
  check(): Promise<void>;
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)}`;
  } catch {
    return '<malformed url>';
  }
}

/** Checks Postgres answers `SELECT 1` with a fresh connection. */
export function postgresHealthCheck(databaseUrl: string, timeoutMs = 2000): HealthCheck {
  return {
    name: 'postgres',
    target: hostOf(databaseUrl),
    async check() {
      const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
      // A connection dropped mid-check fails the check (its query rejects); unheard, pg's 'error' would kill the process.
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
}

/** Checks Redis answers PING. */
export function redisHealthCheck(redisUrl: string, timeoutMs = 2000): HealthCheck {
  return {
    name: 'redis',
    target: hostOf(redisUrl),
    async check() {
      const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
      redis.on('error', () => undefined);
      try {
        await redis.connect();
        await redis.ping();
      } finally {
        redis.disconnect();
      }
    },
  };
}

/** Runs every check with a deadline; returns each one's status and error. */
export async function runHealthChecks(checks: HealthCheck[], timeoutMs = 3000): Promise<{ ok: boolean; checks: Record<string, { ok: boolean; target: string; error?: string; refused?: boolean }> }> {
  const results = await Promise.all(
    checks.map(async (c) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([c.check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs)))]);
        return [c.name, { ok: true, target: c.target }] as const;
      } catch (err) {
        return [c.name, { ok: false, target: c.target, error: describeError(err), ...(isServerRefusal(err) ? { refused: true } : {}) }] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ok: results.every(([, r]) => r.ok), checks: Object.fromEntries(results) };
}

/**
 * Postgres refusals a person can act on, by SQLSTATE: named, because `28P01` alone tells an operator nothing.
 * The server's own message (which names the user or database) follows the name.
 */
const POSTGRES_REFUSALS: Record<string, string> = {
  '28P01': 'wrong password (check the password in DATABASE_URL)',
  '28000': 'the role may not log in or pg_hba.conf refuses this client (check the user in DATABASE_URL)',
  '3D000': 'the database does not exist (check the database name in DATABASE_URL, or create it and run the migrations)',
  '42501': 'permission denied (the role of DATABASE_URL lacks a privilege)',
  '53300': 'too many connections (the server is at max_connections)',
  '57P03': 'the server is starting up or shutting down',
};

/** True when the error is a refusal the server sent (a SQLSTATE), not a network failure: the database was reached. */
export function isServerRefusal(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && code in POSTGRES_REFUSALS;
}

/** One-line description of a connection error (AggregateError from dual-stack connects included; Postgres refusals named). */
export function describeError(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: { code?: string; message?: string }[] };
  if (typeof e?.code === 'string' && e.code in POSTGRES_REFUSALS) return `${POSTGRES_REFUSALS[e.code]}: ${e.message ?? ''} (SQLSTATE ${e.code})`;
  const inner = e?.errors?.[0];
  return e?.code ?? inner?.code ?? e?.message ?? inner?.message ?? String(err);
}
