import { CsvParser, CsvSyntaxError, type CsvVisitor } from './csv-parser';

/** Parses `text` fed in pieces of `size` characters; returns [row, values] per record. */
function parseAll(text: string, size = text.length): [number, string[]][] {
  const out: [number, string[]][] = [];
  const visitor: CsvVisitor = {
    line: (t, start, end, row) => out.push([row, t.slice(start, end).split(',')]),
    values: (values, row) => out.push([row, values]),
  };
  const parser = new CsvParser();
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size), visitor);
  parser.end(visitor);
  return out;
}

describe('CsvParser', () => {
  it('reads plain lines with physical line numbers, skipping blank lines, CRLF and a BOM', () => {
    expect(parseAll('\uFEFFa,b\r\n1,2\r\n\r\n3,4')).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [4, ['3', '4']],
    ]);
  });

  it('unquotes fields with commas, escaped quotes and line breaks, and keeps counting lines', () => {
    const text = 'name,comment\n"Oubre, Kelly","said ""hi"""\n"multi\nline",x\nlast,"y"\n';
    expect(parseAll(text)).toEqual([
      [1, ['name', 'comment']],
      [2, ['Oubre, Kelly', 'said "hi"']],
      [3, ['multi\nline', 'x']],
      [5, ['last', 'y']],
    ]);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const text = 'a,b,c\n1,"x,""y""\nz",3\n4,5,6\n"7",8,"9"';
    const whole = parseAll(text);
    for (const size of [1, 2, 3, 5, 7]) expect(parseAll(text, size)).toEqual(whole);
  });

  it('keeps stray quotes inside unquoted fields', () => {
    expect(parseAll(`h\n6'10",x`)).toEqual([
      [1, ['h']],
      [2, [`6'10"`, 'x']],
    ]);
  });

  it('reports an unterminated quote with its line', () => {
    expect(() => parseAll('a\n"open,1\n2\n')).toThrow(new CsvSyntaxError(2, 'a quoted field is never closed'));
  });
});
