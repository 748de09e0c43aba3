import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The repository root (services are started from it, as `nx serve` does). */
export const WORKSPACE_ROOT = join(__dirname, '../../../..');

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** Polls `check` until it returns a truthy value, failing after `timeoutMs` with `what` in the message. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

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

/** Starts a service as `nx serve` does (node + SWC register on apps/<app>/src/main.ts) and waits for /health. */
export async function startService(app: 'prediction-coordinator' | 'prediction-worker', env: Record<string, string>): Promise<RunningProcess & { url: string }> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/src/main.ts`], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running = track(proc);
  const url = `http://127.0.0.1:${port}`;
  await Promise.race([
    waitFor(() => fetch(`${url}/health`).then((r) => r.ok, () => false), 40_000, `${app} /health`),
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

/** True when the gcloud CLI (for the Pub/Sub emulator) is installed. */
export function hasGcloud(): boolean {
  return spawnSync('which', ['gcloud'], { stdio: 'ignore' }).status === 0;
}

/** A running Pub/Sub emulator; `host` is what PUBSUB_EMULATOR_HOST expects. */
export interface PubSubEmulator {
  host: string;
  projectId: string;
  stop(): Promise<void>;
}

/** Starts the Pub/Sub emulator on a free port and resolves once it answers. */
export async function startPubSubEmulator(projectId = 'propcast-test'): Promise<PubSubEmulator> {
  const host = `127.0.0.1:${await freePort()}`;
  const proc = spawn('gcloud', ['beta', 'emulators', 'pubsub', 'start', `--project=${projectId}`, `--host-port=${host}`], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const running = track(proc);
  const stop = async () => {
    try {
      if (proc.pid !== undefined) process.kill(-proc.pid, 'SIGTERM');
    } catch {
      return;
    }
    await running.exited;
  };
  try {
    await waitFor(() => fetch(`http://${host}/`).then((r) => r.ok, () => false), 60_000, `pubsub emulator on ${host}`);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${running.output()}`);
  }
  return { host, projectId, stop };
}
