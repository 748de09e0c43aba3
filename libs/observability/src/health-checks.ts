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
export async function runHealthChecks(checks: HealthCheck[], timeoutMs = 3000): Promise<{ ok: boolean; checks: Record<string, { ok: boolean; target: string; error?: string }> }> {
  const results = await Promise.all(
    checks.map(async (c) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          c.check(),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs))),
        ]);
        return [c.name, { ok: true, target: c.target }] as const;
      } catch (err) {
        return [c.name, { ok: false, target: c.target, error: describeError(err) }] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ok: results.every(([, r]) => r.ok), checks: Object.fromEntries(results) };
}

/** One-line description of a connection error (AggregateError from dual-stack connects included). */
export function describeError(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: { code?: string; message?: string }[] };
  const inner = e?.errors?.[0];
  return e?.code ?? inner?.code ?? e?.message ?? inner?.message ?? String(err);
}
