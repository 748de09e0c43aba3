import { InvalidRequestError } from '@propcast/prediction-serving';
import { StartRequestSchema, StatusQuerySchema, validate } from './request.schemas';

describe('request validation', () => {
  it('accepts a start request and fills nothing it was not given', () => {
    expect(validate(StartRequestSchema, { gameDate: '2025-01-10', stats: ['POINTS'], playerIds: [2544], force: true })).toEqual({
      gameDate: '2025-01-10',
      stats: ['POINTS'],
      playerIds: [2544],
      force: true,
    });
    expect(validate(StartRequestSchema, { gameDate: '2025-01-10' })).toEqual({ gameDate: '2025-01-10' });
  });

  it('names every bad field', () => {
    let error: unknown;
    try {
      validate(StartRequestSchema, { gameDate: '2025-02-30', stats: ['BLOCKS'], playerIds: [-1], force: 'yes' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).issues).toEqual([
      expect.stringMatching(/^gameDate: /),
      expect.stringMatching(/^stats\[0\]: /),
      expect.stringMatching(/^playerIds\[0\]: /),
      expect.stringMatching(/^force: /),
    ]);
    expect(() => validate(StartRequestSchema, undefined)).toThrow(/gameDate: /);
    expect(() => validate(StatusQuerySchema, { gameDate: '2025-01-10', other: '1' })).toThrow(/other/);
  });
});
