import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ServiceSpec {
  name: string;
  port: number;
  env?: Record<string, string>;
}

interface Running {
  spec: ServiceSpec;
  proc: ChildProcess;
  exited: boolean;
}

/**
 * Starts each service as its own process (as `nx serve` does), sends its JSON logs to
 * var/logs/<service>.log, waits for /health/ready, and stops them all cleanly with SIGTERM.
 */
export class ServiceSupervisor {
  private readonly running: Running[] = [];
  private stopping = false;

  constructor(
    private readonly workspaceRoot: string,
    private readonly baseEnv: Record<string, string>,
  ) {}

  /** Starts every service and resolves when each answers its readiness endpoint. */
  async startAll(specs: ServiceSpec[], timeoutMs = 60_000): Promise<void> {
    this.stopping = false;
    const logDir = join(this.workspaceRoot, 'var', 'logs');
    mkdirSync(logDir, { recursive: true });
    for (const spec of specs) {
      const log = createWriteStream(join(logDir, `${spec.name}.log`), { flags: 'a' });
      const proc = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${spec.name}/src/main.ts`], {
        cwd: this.workspaceRoot,
        env: { ...process.env, ...this.baseEnv, ...spec.env, PORT: String(spec.port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      proc.stdout?.pipe(log);
      proc.stderr?.pipe(log);
      const entry: Running = { spec, proc, exited: false };
      proc.on('exit', (code, signal) => {
        entry.exited = true;
        if (!this.stopping) log.write(`${JSON.stringify({ level: 'fatal', service: spec.name, msg: `process exited (code ${code}, signal ${signal})` })}\n`);
        if (!this.stopping) process.stderr.write(`\n${spec.name} exited unexpectedly (code ${code}, signal ${signal}): see var/logs/${spec.name}.log\n`);
      });
      this.running.push(entry);
    }
    await Promise.all(this.running.map((r) => this.waitReady(r, timeoutMs)));
  }

  private async waitReady(r: Running, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const url = `http://127.0.0.1:${r.spec.port}/health/ready`;
    for (;;) {
      if (r.exited) throw new Error(`${r.spec.name} exited during start-up: see var/logs/${r.spec.name}.log`);
      try {
        const res = await fetch(url);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${r.spec.name} not ready after ${timeoutMs} ms: see var/logs/${r.spec.name}.log`);
      await new Promise((res) => setTimeout(res, 300));
    }
  }

  /** Sends SIGTERM to every service and waits (then SIGKILL after the grace period). */
  async stopAll(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.running.map(
        (r) =>
          new Promise<void>((resolve) => {
            if (r.exited) return resolve();
            const timer = setTimeout(() => r.proc.kill('SIGKILL'), graceMs);
            r.proc.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            r.proc.kill('SIGTERM');
          }),
      ),
    );
    // Stopped for good: a later startAll (the demo's restart on another feature set) starts afresh.
    this.running.length = 0;
  }
}
