import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, hasGcloud, startPubSubEmulator, waitFor, type PubSubEmulator } from '@propcast/messaging/testing';
import { TEST_AUTH_ENV } from '@propcast/observability/testing';

// Process helpers of the messaging tests, shared rather than rewritten (the e2e specs import them from here).
export { freePort, hasGcloud, startPubSubEmulator, waitFor, type PubSubEmulator };

/** The repository root (services are started from it, as `nx serve` does). */
export const WORKSPACE_ROOT = join(__dirname, '../../../..');

/** A child process with its combined output and exit. */
export interface RunningProcess {
  proc: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** SIGTERM (or the given signal) and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function track(proc: ChildProcess): RunningProcess {
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  proc.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    proc,
    output: () => out,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}

/** Starts a service as `nx serve` does (node + SWC register on apps/<app>/src/main.ts), with the test API keys, and waits for /health. */
export async function startService(
  app: 'prediction-coordinator' | 'prediction-worker' | 'feature-store' | 'trainer',
  env: Record<string, string>,
  startTimeoutMs = 40_000,
): Promise<RunningProcess & { url: string }> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/src/main.ts`], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...TEST_AUTH_ENV, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running = track(proc);
  const url = `http://127.0.0.1:${port}`;
  await Promise.race([
    waitFor(
      () =>
        fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        ),
      startTimeoutMs,
      `${app} /health`,
    ),
    running.exited.then((code) => {
      throw new Error(`${app} exited with ${code} before answering:\n${running.output()}`);
    }),
  ]);
  return { ...running, url };
}

/** A Redis server of the test's own, on a free port, without persistence: a restart loses every key. */
export interface OwnRedis {
  url: string;
  port: number;
  /** Stops the server (SIGTERM). */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty). */
  start(): Promise<void>;
}

/** Starts `redis-server --port N --save '' --appendonly no`. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let running: RunningProcess | null = null;
  const start = async () => {
    running = track(spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] }));
    await waitFor(() => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG', 10_000, `redis-server on ${port}`);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop: async () => {
      await running?.stop();
      running = null;
    },
  };
}
