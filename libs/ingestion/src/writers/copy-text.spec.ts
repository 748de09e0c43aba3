import { CopyTextEncoder } from './copy-text';

describe('CopyTextEncoder', () => {
  it('writes COPY text: tabs between values, \\N for NULL, t/f, whole and decimal numbers', () => {
    const enc = new CopyTextEncoder(8);
    enc.number(2544).text('0022300001').number(null).boolean(true).boolean(false).number(-12).number(0).number(34.2).number(99).number(100).number(7).endRow();
    enc.number(1).boolean(null).endRow();
    expect(enc.take().toString()).toBe('2544\t0022300001\t\\N\tt\tf\t-12\t0\t34.2\t99\t100\t7\n1\t\\N\n');
    expect(enc.length).toBe(0);
  });

  it('escapes free text (backslash, tab, newline, carriage return) and writes it as UTF-8', () => {
    const enc = new CopyTextEncoder(4);
    enc.escapedText("DNP - Coach's Decision").escapedText(null).escapedText('a\\b\tc\nd\re').escapedText('Nikola Jokić').endRow();
    expect(enc.take().toString('utf8')).toBe("DNP - Coach's Decision\t\\N\ta\\\\b\\tc\\nd\\re\tNikola Jokić\n");
  });
});
