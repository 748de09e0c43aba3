import { Logger, type ArgumentsHost } from '@nestjs/common';
import { CodedError } from '@propcast/common';
import { HttpErrorFilter } from './http-error.filter';

/** A response that records what the filter wrote (the filter only sets a status and sends JSON). */
function fakeExchange(headersSent = false) {
  const sent: { status?: number; body?: Record<string, unknown> } = {};
  const res = {
    headersSent,
    getHeader: () => undefined,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
      return this;
    },
  };
  const req = { method: 'POST', path: '/start', headers: { 'x-request-id': 'req-1' } };
  const host = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ArgumentsHost;
  return { host, sent };
}

class SlateLocked extends CodedError<'SLATE_LOCKED'> {
  readonly code = 'SLATE_LOCKED';
  override get httpStatus(): number {
    return 409;
  }
}

/** A validation error as the services' request validators raise it: 400, each bad field named in details.issues. */
class InvalidRequest extends CodedError<'INVALID_REQUEST'> {
  readonly code = 'INVALID_REQUEST';
  constructor(readonly issues: string[]) {
    super(`invalid request: ${issues.join('; ')}`);
  }
  override get httpStatus(): number {
    return 400;
  }
  override httpDetails(): Record<string, unknown> {
    return { issues: this.issues };
  }
}

describe('HttpErrorFilter', () => {
  let logged: jest.SpyInstance;
  beforeEach(() => (logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined)));
  afterEach(() => logged.mockRestore());

  it('answers an unknown error with 500 and a request id, logging the stack but never sending it', () => {
    const { host, sent } = fakeExchange();
    const err = new Error('password=hunter2 in the connection string');
    new HttpErrorFilter().catch(err, host);
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({ statusCode: 500, error: 'INTERNAL_SERVER_ERROR', message: expect.any(String), requestId: 'req-1' });
    const text = JSON.stringify(sent.body);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('at '); // no stack frame
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('hunter2'));
  });

  it('answers a domain error with the status it declares and its code, without logging it as a failure', () => {
    const { host, sent } = fakeExchange();
    new HttpErrorFilter().catch(new SlateLocked('the slate of 2026-01-05 is locked'), host);
    expect(sent.status).toBe(409);
    expect(sent.body).toEqual({ statusCode: 409, error: 'SLATE_LOCKED', message: 'the slate of 2026-01-05 is locked', requestId: 'req-1' });
    expect(logged).not.toHaveBeenCalled();
  });

  it('answers a validation error with 400 naming the bad field', () => {
    const { host, sent } = fakeExchange();
    new HttpErrorFilter().catch(new InvalidRequest(['gameDate: expected YYYY-MM-DD']), host);
    expect(sent.status).toBe(400);
    expect(sent.body).toMatchObject({ statusCode: 400, error: 'INVALID_REQUEST', message: expect.stringContaining('gameDate'), details: { issues: ['gameDate: expected YYYY-MM-DD'] } });
  });

  it('writes nothing when the response has already started', () => {
    const { host, sent } = fakeExchange(true);
    new HttpErrorFilter().catch(new SlateLocked('late'), host);
    expect(sent).toEqual({});
  });
});
