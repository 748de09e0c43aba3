import { BadRequestException, ConflictException, HttpException, NotFoundException } from '@nestjs/common';
import { CodedError } from '@propcast/common';
import { httpExceptionBody } from './error-body';
import { errorBodyOf } from './http-error.filter';

describe('the one error body', () => {
  it("maps Nest's own exception shape to an UPPER_SNAKE code and a message", () => {
    expect(httpExceptionBody(new NotFoundException())).toEqual({ statusCode: 404, error: 'NOT_FOUND', message: 'Not Found' });
    expect(httpExceptionBody(new BadRequestException(['a is required', 'b is bad']))).toEqual({ statusCode: 400, error: 'BAD_REQUEST', message: 'a is required; b is bad' });
    expect(httpExceptionBody(new HttpException('plain text', 418))).toEqual({ statusCode: 418, error: 'I_AM_A_TEAPOT', message: 'plain text' });
  });

  it('keeps a code of our own and moves other fields into details', () => {
    expect(httpExceptionBody(new ConflictException({ error: 'LOCK_HELD', message: 'busy', refused: ['POINTS'] }))).toEqual({
      statusCode: 409,
      error: 'LOCK_HELD',
      message: 'busy',
      details: { refused: ['POINTS'] },
    });
    expect(httpExceptionBody(new ConflictException({ error: 'LOCK_HELD', message: 'busy', details: { n: 1 } })).details).toEqual({ n: 1 });
  });

  it("answers a lib's typed error with the status and details it declares, and one without a status as a hidden 500", () => {
    class Busy extends CodedError<'BUSY'> {
      readonly code = 'BUSY';
      override get httpStatus(): number {
        return 409;
      }
      override httpDetails(): Record<string, unknown> {
        return { retryAfterSeconds: 5 };
      }
    }
    class Plain extends CodedError<'PLAIN'> {
      readonly code = 'PLAIN';
    }
    expect(errorBodyOf(new Busy('the lock is held'))).toEqual({ statusCode: 409, error: 'BUSY', message: 'the lock is held', details: { retryAfterSeconds: 5 } });
    expect(errorBodyOf(new Plain('secret internals'))).toEqual({ statusCode: 500, error: 'INTERNAL_SERVER_ERROR', message: expect.not.stringContaining('secret') });
  });

  it('answers text Postgres cannot store (NUL byte, bad encoding) with 422, not 500', () => {
    for (const code of ['22P05', '22021']) {
      expect(errorBodyOf(Object.assign(new Error('unsupported Unicode escape sequence'), { code }))).toMatchObject({
        statusCode: 422,
        error: 'UNSTORABLE_TEXT',
        message: expect.stringContaining('NUL byte'),
      });
    }
    // Prisma (driver adapter) wraps the SQLSTATE: P2039 with meta.driverAdapterError.cause.
    const prisma = Object.assign(new Error('invalid byte sequence'), { code: 'P2039', meta: { driverAdapterError: { cause: { originalCode: '22021', kind: 'postgres' } } } });
    expect(errorBodyOf(prisma)).toMatchObject({ statusCode: 422, error: 'UNSTORABLE_TEXT' });
  });

  it("answers malformed JSON from the body parser with 400, and hides anything else's message behind a 500", () => {
    expect(errorBodyOf({ status: 400, expose: true, type: 'entity.parse.failed', message: 'Unexpected token } in JSON' })).toEqual({
      statusCode: 400,
      error: 'MALFORMED_BODY',
      message: 'Unexpected token } in JSON',
    });
    const internal = errorBodyOf(new Error('connection string postgresql://user:secret@db'));
    expect(internal).toEqual({ statusCode: 500, error: 'INTERNAL_SERVER_ERROR', message: expect.not.stringContaining('secret') });
  });
});
