import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a header of every column, flattens nested objects and quotes what needs quoting', () => {
    const csv = toCsv([
      { id: 1, name: 'Jokić, Nikola', best: { book: 'dk', price: -110 }, flags: ['few_games'] },
      { id: 2, name: 'say "hi"', best: null, extra: true },
    ]);
    expect(csv).toBe(['id,name,best.book,best.price,flags,best,extra', '1,"Jokić, Nikola",dk,-110,"[""few_games""]",,', '2,"say ""hi""",,,,,true', ''].join('\r\n'));
  });

  it('writes only a header line for an empty list', () => {
    expect(toCsv([])).toBe('\r\n');
  });

  it('writes dates as ISO-8601 and keeps line breaks inside quotes', () => {
    expect(toCsv([{ at: new Date('2025-01-10T18:00:00Z'), note: 'a\nb' }])).toBe('at,note\r\n2025-01-10T18:00:00.000Z,"a\nb"\r\n');
  });
});
