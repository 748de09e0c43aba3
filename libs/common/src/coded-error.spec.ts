import { CodedError, CodedErrorWithStatus } from './coded-error';

describe('CodedErrorWithStatus', () => {
  type Code = 'GONE' | 'BUSY';
  abstract class LibError extends CodedErrorWithStatus<Code>({ GONE: 404, BUSY: 409 }) {}
  class Gone extends LibError {
    readonly code = 'GONE';
  }
  class Busy extends LibError {
    readonly code = 'BUSY';
  }

  it('answers each code with the status of its table, and stays a CodedError named by its class', () => {
    expect(new Gone('x').httpStatus).toBe(404);
    expect(new Busy('y').httpStatus).toBe(409);
    expect(new Busy('y')).toBeInstanceOf(CodedError);
    expect(new Busy('y').name).toBe('Busy');
    expect(new Gone('x').httpDetails()).toBeUndefined();
  });
});
