import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookPoster, webhookTarget } from './webhook-poster';

describe('WebhookPoster (against a real local HTTP server)', () => {
  let server: Server;
  let base: string;
  const received: { path: string; body: string }[] = [];
  /** Statuses answered in turn per path; the last one repeats. */
  const script: Record<string, number[]> = {};

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body });
        const statuses = script[req.url ?? ''] ?? [200];
        res.statusCode = statuses.length > 1 ? (statuses.shift() as number) : statuses[0];
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const sleeps: number[] = [];
  const poster = new WebhookPoster({ attempts: 3, backoffMs: 100, timeoutMs: 2000 }, async (ms) => void sleeps.push(ms));

  beforeEach(() => {
    received.length = 0;
    sleeps.length = 0;
  });

  it('retries 5xx and 429 with doubling backoff until delivered', async () => {
    script['/hooks/flaky'] = [503, 429, 200];
    const delivery = await poster.post(`${base}/hooks/flaky`, { text: 'picks' });
    expect(delivery).toEqual({ target: base, ok: true, attempts: 3, detail: 'HTTP 200' });
    expect(sleeps).toEqual([100, 200]);
    expect(received.map((r) => JSON.parse(r.body))).toEqual([{ text: 'picks' }, { text: 'picks' }, { text: 'picks' }]);
  });

  it('does not retry another 4xx, gives up after the attempts, and never throws for a dead URL', async () => {
    script['/hooks/gone'] = [404];
    script['/hooks/down'] = [500];
    const [gone, down, dead] = await poster.postAll([`${base}/hooks/gone`, `${base}/hooks/down`, 'http://127.0.0.1:1/x'], { text: 'x' });
    expect(gone).toMatchObject({ ok: false, attempts: 1, detail: 'HTTP 404' });
    expect(received.filter((r) => r.path === '/hooks/gone')).toHaveLength(1);
    expect(down).toMatchObject({ ok: false, attempts: 3, detail: 'HTTP 500' });
    expect(received.filter((r) => r.path === '/hooks/down')).toHaveLength(3);
    expect(dead.ok).toBe(false);
  });

  it('names a webhook by its origin only (its path is the secret)', () => {
    expect(webhookTarget('https://hooks.slack.com/services/T000/B000/XXXX')).toBe('https://hooks.slack.com');
    expect(webhookTarget('not a url')).toBe('(malformed URL)');
  });
});
