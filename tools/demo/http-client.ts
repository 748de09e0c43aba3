/** A failed call to one of the services, with what it answered. */
export class ServiceCallError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${url} answered ${status}: ${body.slice(0, 500)}`);
    this.name = 'ServiceCallError';
  }
}

/** The API key the demo gave its services (PROPCAST_API_KEY), as a Bearer header. */
function authHeaders(): Record<string, string> {
  const key = process.env['PROPCAST_API_KEY'];
  return key ? { authorization: `Bearer ${key}` } : {};
}

/** Network-level failures (a reused keep-alive socket the server closed, a reset) of idempotent GETs are tried again. */
const GET_ATTEMPTS = 4;

async function fetchWithRetry(url: string, init: RequestInit): Promise<Response> {
  const idempotent = (init.method ?? 'GET').toUpperCase() === 'GET';
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (err) {
      if (!idempotent || attempt >= GET_ATTEMPTS) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        throw new Error(`${init.method ?? 'GET'} ${url} failed: ${(err as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`);
      }
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

/** Calls a service with the demo's API key and returns its JSON; `accept` lists statuses that are not errors. */
export async function callJson<T>(url: string, init: RequestInit & { accept?: number[] } = {}): Promise<{ status: number; body: T }> {
  const res = await fetchWithRetry(url, { ...init, headers: { ...authHeaders(), ...(init.headers as Record<string, string> | undefined) } });
  const text = await res.text();
  const accept = init.accept ?? [200, 201, 202];
  if (!accept.includes(res.status)) throw new ServiceCallError(url, res.status, text);
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Posts a JSON body. */
export function postJson<T>(url: string, body: unknown, headers: Record<string, string> = {}, accept?: number[]): Promise<{ status: number; body: T }> {
  return callJson<T>(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), accept });
}

/** Polls `probe` every `everyMs` until it returns a value (not undefined) or the deadline passes. */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, opts: { timeoutMs: number; everyMs?: number; what: string }): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(opts.timeoutMs / 1000)} s waiting for ${opts.what}`);
    await new Promise((r) => setTimeout(r, opts.everyMs ?? 500));
  }
}
