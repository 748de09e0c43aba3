import { escapeHtml, htmlTable } from './html';

describe('html', () => {
  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`"a"&'b'<c>`)).toBe('&quot;a&quot;&amp;&#39;b&#39;&lt;c&gt;');
    expect(escapeHtml('plain')).toBe('plain');
  });

  it('escapes every header and cell of a table', () => {
    const html = htmlTable(['<stat>'], [['a & b']], 'id="t"');
    expect(html).toBe('<table id="t"><thead><tr><th>&lt;stat&gt;</th></tr></thead><tbody><tr><td>a &amp; b</td></tr></tbody></table>');
  });
});
