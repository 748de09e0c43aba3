import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { freePort } from '@propcast/common';
import { setTimeout as sleep } from 'node:timers/promises';

let gcloudFound: boolean | undefined;

/** True when the `gcloud` CLI (needed for the Pub/Sub emulator) is on the PATH. */
export function hasGcloud(): boolean {
  gcloudFound ??= spawnSync('which', ['gcloud'], { stdio: 'ignore' }).status === 0;
  return gcloudFound;
}

export const PUBSUB_SKIP_REASON = 'skipped: `gcloud` not found (install the Google Cloud CLI with the Pub/Sub emulator)';

/** `describe` when the emulator can run, else `describe.skip` with the reason in the title. */
export function describeIfPubSub(name: string, fn: () => void): void {
  if (hasGcloud()) describe(name, fn);
  else describe.skip(`${name} (${PUBSUB_SKIP_REASON})`, fn);
}

export { freePort };

/** A running emulator: `host` is what `PUBSUB_EMULATOR_HOST` / `emulatorHost` expect. */
export interface PubSubEmulator {
  host: string;
  projectId: string;
  stop(): Promise<void>;
}

/** Starts the Pub/Sub emulator on a free port and resolves once its HTTP port answers. */
export async function startPubSubEmulator(projectId = 'propcast-test', timeoutMs = 30_000): Promise<PubSubEmulator> {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const child = spawn('gcloud', ['beta', 'emulators', 'pubsub', 'start', `--project=${projectId}`, `--host-port=${host}`], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const emulator = { host, projectId, stop: () => stopProcessGroup(child) };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pubsub emulator exited with ${child.exitCode}:\n${output}`);
    if (await answers(`http://${host}/`)) return emulator;
    await sleep(100);
  }
  await emulator.stop();
  throw new Error(`pubsub emulator did not answer on ${host} within ${timeoutMs} ms:\n${output}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

/** SIGTERM the emulator's process group (gcloud wrapper + Java), SIGKILL if it lingers. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  child.stdout?.destroy();
  child.stderr?.destroy();
}
