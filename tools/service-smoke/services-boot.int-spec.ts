import { freePort, SERVICES, startService, waitForHttp, type RunningService } from './service-process';

describe.each(SERVICES)('%s boots like `nx serve`', (app) => {
  let svc: RunningService;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    svc = startService(app, { PORT: String(port) });
    await Promise.race([
      waitForHttp(`${base}/health`, 40_000),
      svc.exited.then(({ code }) => {
        throw new Error(`${app} exited with ${code} before answering:\n${svc.output()}`);
      }),
    ]);
  }, 45_000);

  afterAll(async () => {
    svc.proc.kill('SIGTERM');
    await svc.exited;
  });

  it('answers liveness and readiness with its dependencies checked', async () => {
    const live = await fetch(`${base}/health`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'ok', service: app });
    const ready = await fetch(`${base}/health/ready`);
    const body = (await ready.json()) as { status: string; checks: Record<string, unknown> };
    expect(ready.status).toBe(200);
    expect(body.status).toBe('ready');
    expect(Object.keys(body.checks)).toEqual(expect.arrayContaining(['postgres']));
  });

  it('serves Prometheus metrics with default Node metrics and the HTTP latency histogram', async () => {
    await fetch(`${base}/health`, { headers: { 'x-request-id': 'smoke-1' } });
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^process_cpu_seconds_total\{service="[a-z-]+"\} /m);
    expect(text).toMatch(new RegExp(`^http_request_duration_seconds_count\\{service="${app}",method="GET",route="/health",status_code="200"\\} [1-9]`, 'm'));
  });

  it('echoes the request id', async () => {
    const res = await fetch(`${base}/health`, { headers: { 'x-request-id': 'trace-me-42' } });
    expect(res.headers.get('x-request-id')).toBe('trace-me-42');
  });
});

describe('start-up failures end the process with one clear line', () => {
  it('names a malformed variable', async () => {
    const svc = startService('trainer', { PORT: 'not-a-port' });
    const { code } = await svc.exited;
    expect(code).not.toBe(0);
    const lines = svc.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^trainer: invalid configuration: PORT is malformed: "not-a-port"/);
  });

  it('names an unreachable Postgres and exits within 10 s', async () => {
    const port = await freePort();
    const svc = startService('ingestion', {
      PORT: String(await freePort()),
      DATABASE_URL: `postgresql://propcast:propcast@127.0.0.1:${port}/propcast`,
      STARTUP_TIMEOUT_MS: '2000',
    });
    const { code, ms } = await svc.exited;
    expect(code).not.toBe(0);
    expect(ms).toBeLessThan(10_000);
    const lines = svc.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`ingestion: cannot reach postgres at 127.0.0.1:${port}: ECONNREFUSED`);
  }, 15_000);

  it('names an unreachable Redis', async () => {
    const port = await freePort();
    const svc = startService('prediction-worker', { PORT: String(await freePort()), REDIS_URL: `redis://127.0.0.1:${port}`, STARTUP_TIMEOUT_MS: '1500' });
    const { code } = await svc.exited;
    expect(code).not.toBe(0);
    expect(svc.output()).toContain(`prediction-worker: cannot reach redis at 127.0.0.1:${port}`);
  }, 15_000);
});
