import { CodedError, seededRandom } from './index';

class ExampleError extends CodedError<'EXAMPLE'> {
  readonly code = 'EXAMPLE';
}

describe('CodedError', () => {
  it('names the concrete class, keeps the code and the cause', () => {
    const cause = new Error('root');
    const err = new ExampleError('went wrong', { cause });
    expect(err).toBeInstanceOf(CodedError);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('ExampleError');
    expect(err.code).toBe('EXAMPLE');
    expect(err.message).toBe('went wrong');
    expect(err.cause).toBe(cause);
  });
});

describe('seededRandom', () => {
  it('repeats for a seed, differs across seeds, stays in [0, 1) and is roughly uniform', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const xs = Array.from({ length: 20_000 }, () => a());
    expect(Array.from({ length: 20_000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs.slice(0, 5));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
    const deciles = new Array(10).fill(0);
    for (const x of xs) deciles[Math.floor(x * 10)]++;
    for (const n of deciles) expect(Math.abs(n - 2000)).toBeLessThan(200);
  });
});

describe('freePort', () => {
  it('gives a port a server can listen on', async () => {
    const { freePort } = await import('./index');
    const { createServer } = await import('node:net');
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
    await new Promise((resolve) => server.close(resolve));
  });
});
