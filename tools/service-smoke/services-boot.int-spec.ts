import { freePort, SERVICES, SMOKE_KEYS, startService, waitForHttp, type RunningService } from './service-process';

/** One read route and one write route of each service (the worker has only /health and /metrics). */
const GUARDED: Record<(typeof SERVICES)[number], { read?: string; write?: string }> = {
  ingestion: { write: '/ingest/box-scores' },
  'feature-store': { read: '/features?gameDate=2000-01-01&playerIds=1', write: '/backfill' },
  trainer: { read: '/models', write: '/train' },
  'prediction-coordinator': { read: '/status?gameDate=2000-01-01', write: '/start' },
  'prediction-worker': {},
  api: { read: '/picks?date=2000-01-01', write: '/bets' },
};
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

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

  // Reliability, issue 13 finding 1: every route but health, metrics and push needs a key.
  it('requires an API key on its routes: 401 without or with a wrong one, 403 for a read key on a write (reliability)', async () => {
    const { read, write } = GUARDED[app];
    if (read) {
      const none = await fetch(`${base}${read}`, { headers: { 'x-request-id': 'no-key' } });
      expect(none.status).toBe(401);
      expect(await none.json()).toEqual({ statusCode: 401, error: 'UNAUTHORIZED', message: expect.any(String), requestId: 'no-key' });
      expect((await fetch(`${base}${read}`, { headers: bearer('wrong-key-0123456789') })).status).toBe(401);
      expect([200, 400, 404]).toContain((await fetch(`${base}${read}`, { headers: { 'x-api-key': SMOKE_KEYS.read } })).status);
    }
    if (write) {
      const post = (headers: Record<string, string>) => fetch(`${base}${write}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"nothing":1}' });
      expect((await post({})).status).toBe(401);
      const forbidden = await post(bearer(SMOKE_KEYS.read));
      expect(forbidden.status).toBe(403);
      expect(await forbidden.json()).toMatchObject({ statusCode: 403, error: 'FORBIDDEN', message: expect.stringContaining('smoke-reader is read-only') });
    }
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });

  it('answers 429 once a client sent too many wrong keys, even with a good key; health stays open (reliability)', async () => {
    const { read, write } = GUARDED[app];
    const path = read ?? write;
    if (!path) return; // the worker serves only /health and /metrics
    const method = read ? 'GET' : 'POST';
    const send = (key: string) => fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', ...bearer(key) }, ...(read ? {} : { body: '{}' }) });
    // AUTH_FAILURES_PER_MINUTE defaults to 10; the previous test spent some of this client's budget already.
    let status = 401;
    for (let i = 0; i < 11 && status === 401; i++) status = (await send(`guess-${i}-0123456789abcdef`)).status;
    expect(status).toBe(429);
    const limited = await send(read ? SMOKE_KEYS.read : SMOKE_KEYS.full);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ statusCode: 429, error: 'TOO_MANY_REQUESTS', message: expect.stringContaining('too many missing or wrong API keys') });
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('serves OpenAPI at /docs with the API-key schemes and the responsible-gambling notice', async () => {
    const doc = (await (await fetch(`${base}/docs-json`)).json()) as {
      info: { description: string };
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    expect(doc.info.description).toContain('1-800-GAMBLER');
    expect(doc.info.description).toContain('BeGambleAware');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['api-key', 'bearer']);
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect((await fetch(`${base}/docs`)).status).toBe(200);
  });
});

describe('start-up failures end the process with one clear line', () => {
  it('refuses to start without API keys unless AUTH_DISABLED=true (reliability)', async () => {
    const svc = startService('feature-store', { PORT: String(await freePort()), API_KEYS: '', READ_API_KEYS: '' });
    const { code } = await svc.exited;
    expect(code).not.toBe(0);
    const lines = svc.output().trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(/^feature-store: invalid configuration: no API keys: set API_KEYS .* or AUTH_DISABLED=true for local development only$/)]);
  }, 30_000);

  it('names a short API key secret without printing it', async () => {
    const svc = startService('trainer', { PORT: String(await freePort()), API_KEYS: 'ops:tooshort' });
    await svc.exited;
    expect(svc.output().trim()).toBe('trainer: invalid configuration: API_KEYS entry 1 (ops): the secret must have at least 16 characters');
  }, 30_000);

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

  it('names a wrong Postgres password and a missing database instead of a bare SQLSTATE (reliability)', async () => {
    const url = new URL(process.env['DATABASE_URL'] ?? 'postgresql://propcast:propcast@127.0.0.1:5432/propcast');
    const wrongPassword = new URL(url);
    wrongPassword.password = 'not-the-password';
    const missingDb = new URL(url);
    missingDb.pathname = '/propcast_no_such_database';
    const [password, database] = [
      startService('feature-store', { PORT: String(await freePort()), DATABASE_URL: wrongPassword.toString(), STARTUP_TIMEOUT_MS: '1000' }),
      startService('trainer', { PORT: String(await freePort()), DATABASE_URL: missingDb.toString(), STARTUP_TIMEOUT_MS: '1000' }),
    ];
    expect((await password.exited).code).not.toBe(0);
    expect(password.output().trim()).toMatch(/^feature-store: postgres at [^ ]+ refused the connection: wrong password \(check the password in DATABASE_URL\): .* \(SQLSTATE 28P01\)$/);
    expect((await database.exited).code).not.toBe(0);
    expect(database.output().trim()).toMatch(/^trainer: postgres at [^ ]+ refused the connection: the database does not exist .*"propcast_no_such_database" does not exist \(SQLSTATE 3D000\)$/);
  }, 30_000);

  it('names an unreachable Redis', async () => {
    const port = await freePort();
    const svc = startService('prediction-worker', { PORT: String(await freePort()), REDIS_URL: `redis://127.0.0.1:${port}`, STARTUP_TIMEOUT_MS: '1500' });
    const { code } = await svc.exited;
    expect(code).not.toBe(0);
    expect(svc.output()).toContain(`prediction-worker: cannot reach redis at 127.0.0.1:${port}`);
  }, 15_000);
});
