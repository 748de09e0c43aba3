import type { Request } from 'express';
import { wantsCsv } from './list-response';

const req = (query: Record<string, string>, accept?: string) => ({ query, headers: accept === undefined ? {} : { accept } }) as unknown as Request;

describe('wantsCsv', () => {
  it('follows ?format= first, then an Accept header that prefers text/csv', () => {
    expect(wantsCsv(req({ format: 'csv' }, 'application/json'))).toBe(true);
    expect(wantsCsv(req({ format: 'json' }, 'text/csv'))).toBe(false);
    expect(wantsCsv(req({}, 'text/csv'))).toBe(true);
    expect(wantsCsv(req({}, 'Text/CSV;q=0.9, */*'))).toBe(true);
    expect(wantsCsv(req({}, 'application/json, text/csv'))).toBe(false);
    expect(wantsCsv(req({}, '*/*'))).toBe(false);
    expect(wantsCsv(req({}))).toBe(false);
  });
});
