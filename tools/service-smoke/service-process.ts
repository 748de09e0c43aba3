import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '@propcast/common';
import { join } from 'node:path';

export const WORKSPACE_ROOT = join(__dirname, '../..');
export { freePort };
export const SERVICES = ['ingestion', 'feature-store', 'trainer', 'prediction-coordinator', 'prediction-worker', 'api'] as const;

/** The keys smoke-tested services accept: `smoke` (API_KEYS) and `smoke-reader` (READ_API_KEYS). */
export const SMOKE_KEYS = { full: 'smoke-full-key-0123456789', read: 'smoke-read-key-0123456789' } as const;

export interface RunningService {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; ms: number }>;
}

/** Starts a service exactly as `nx serve` does (node + SWC register on src/main.ts), with the smoke keys unless `env` says otherwise. */
export function startService(app: string, env: Record<string, string>): RunningService {
  const started = Date.now();
  const proc = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/src/main.ts`], {
    cwd: WORKSPACE_ROOT,
    // Isolated queue and topic names: a smoke-tested worker must never take jobs of a real local stack.
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      QUEUE_PREFIX: `smoke${process.pid}`,
      EVENT_TOPIC_PREFIX: `smoke${process.pid}.`,
      API_KEYS: `smoke:${SMOKE_KEYS.full}`,
      READ_API_KEYS: `smoke-reader:${SMOKE_KEYS.read}`,
      AUTH_DISABLED: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d) => (out += d));
  proc.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) => proc.on('exit', (code) => resolve({ code, ms: Date.now() - started })));
  return { proc, output: () => out, exited };
}

/** Polls `url` until it answers (any status) or the deadline passes. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
