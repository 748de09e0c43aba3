import { InvalidInputError } from '../errors';
import { removeVig } from '../pricing/vig';
import { bookConsensus, type BookQuote } from './book-consensus';

const at = (iso: string) => new Date(iso);
const quote = (book: string, line: number, overPrice: number | null, underPrice: number | null, time = '2025-01-10T23:00:00Z'): BookQuote => ({
  book,
  line,
  overPrice,
  underPrice,
  capturedAt: at(time),
});
const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const cutoffAt = at('2025-01-11T00:00:00Z');

describe('bookConsensus', () => {
  it('is the mean logit of the other books de-vigged, leaving out the priced book and quotes without both prices', () => {
    const quotes = [quote('DraftKings', 24.5, -200, 160), quote('FanDuel', 24.5, -120, -110), quote('BetMGM', 24.5, 105, -135), quote('Caesars', 24.5, -110, null)];
    const c = bookConsensus(quotes, { line: 24.5, book: 'DraftKings', cutoffAt });
    const expected = sigmoid((logit(removeVig(-120, -110).over) + logit(removeVig(105, -135).over)) / 2);
    expect(c?.books).toBe(2);
    expect(c?.over).toBeCloseTo(expected, 12);
  });

  it('never sees a quote captured at or after the cutoff, and takes each book at its latest quote before it', () => {
    const quotes = [
      quote('FanDuel', 24.5, -150, 120, '2025-01-10T20:00:00Z'),
      quote('FanDuel', 24.5, 130, -160, '2025-01-10T23:30:00Z'),
      // after the cutoff: the closing move must not leak into the prediction
      quote('FanDuel', 24.5, -400, 300, '2025-01-11T00:00:00Z'),
      quote('BetMGM', 24.5, -400, 300, '2025-01-11T01:00:00Z'),
    ];
    const c = bookConsensus(quotes, { line: 24.5, book: 'DraftKings', cutoffAt });
    expect(c?.books).toBe(1);
    expect(c?.over).toBeCloseTo(removeVig(130, -160).over, 12);
    expect(bookConsensus(quotes.slice(2), { line: 24.5, book: 'DraftKings', cutoffAt })).toBeNull();
  });

  it("moves another book's line to the priced line with the model's distribution; without one, other lines are left out", () => {
    const quotes = [quote('FanDuel', 25.5, -110, -110)];
    // A model whose P(over) falls 0.04 per point of line around 25.
    const modelOverAt = (line: number) => 0.5 - 0.04 * (line - 25);
    const moved = bookConsensus(quotes, { line: 24.5, book: 'DraftKings', cutoffAt, modelOverAt });
    expect(moved?.over).toBeCloseTo(sigmoid(logit(0.5) + logit(0.52) - logit(0.48)), 12);
    expect(moved?.over).toBeGreaterThan(0.5);
    expect(bookConsensus(quotes, { line: 24.5, book: 'DraftKings', cutoffAt })).toBeNull();
  });

  it('rejects a bad line or cutoff, naming the field', () => {
    expect(() => bookConsensus([], { line: Number.NaN, book: 'X', cutoffAt })).toThrow(InvalidInputError);
    expect(() => bookConsensus([], { line: Number.NaN, book: 'X', cutoffAt })).toThrow(/line/);
    expect(() => bookConsensus([], { line: 1.5, book: 'X', cutoffAt: new Date('nope') })).toThrow(/cutoffAt/);
  });
});
