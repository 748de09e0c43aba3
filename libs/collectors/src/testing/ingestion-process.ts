import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort } from '@propcast/common';
import type { Clock } from '..';

const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
export const INGEST_KEY = 'collector-test-key-0123456789';

/** The real ingestion service, started as `nx serve` starts it, on a test database and a private event prefix. */
export interface IngestionProcess {
  url: string;
  proc: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** `env` overrides the defaults (a shared EVENT_TOPIC_PREFIX and ARTIFACT_STORE_URI when other services consume its events). */
export async function startIngestion(databaseUrl: string, env: Record<string, string> = {}): Promise<IngestionProcess> {
  const port = await freePort();
  let out = '';
  const proc = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/ingestion/src/main.ts'], {
    cwd: WORKSPACE_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      ARTIFACT_STORE_URI: mkdtempSync(join(tmpdir(), 'propcast-collectors-')),
      EVENT_TOPIC_PREFIX: `collectors-${randomBytes(4).toString('hex')}.`,
      API_KEYS: `collectors:${INGEST_KEY}`,
      AUTH_DISABLED: 'false',
      IMPORT_RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d) => (out += d));
  proc.stderr?.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`ingestion exited ${proc.exitCode}: ${out}`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`ingestion did not become ready: ${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    proc,
    output: () => out,
    stop: async () => {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * A pass-through to the ingestion service that can play a killed collector: in `swallow` mode it forwards the
 * request (ingestion commits it) and then cuts the connection, so the collector never learns the answer.
 */
export class IngestionProxy {
  mode: 'pass' | 'swallow' = 'pass';
  swallowed = 0;
  private server!: Server;
  url = '';

  constructor(private readonly target: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          const upstream = await fetch(`${this.target}${req.url}`, {
            method: req.method,
            headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)) as [string, string][]),
            body: chunks.length ? Buffer.concat(chunks) : undefined,
          });
          const body = Buffer.from(await upstream.arrayBuffer());
          if (this.mode === 'swallow') {
            this.swallowed++;
            req.socket.destroy();
            return;
          }
          res.writeHead(upstream.status, Object.fromEntries([...upstream.headers.entries()].filter(([k]) => !['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(k))));
          res.end(body);
        })();
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** A simulated clock: a game day in seconds; sleep() advances it and records how long was asked for. */
export class SimulatedClock implements Clock {
  readonly slept: number[] = [];
  private t: number;

  constructor(start: string) {
    this.t = Date.parse(start);
  }

  now(): Date {
    return new Date(this.t);
  }

  async sleep(ms: number): Promise<void> {
    this.slept.push(ms);
    this.t += ms;
  }

  set(iso: string): void {
    this.t = Date.parse(iso);
  }

  advanceMinutes(minutes: number): void {
    this.t += minutes * 60_000;
  }
}
