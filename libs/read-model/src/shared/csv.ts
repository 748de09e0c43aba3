/**
 * RFC 4180 CSV of a list of records. Nested objects become dotted columns (`bestOver.book`), arrays become one
 * JSON cell, null/undefined an empty cell. Columns are the union of every row's keys in first-seen order, so a
 * heterogeneous list still gets one header. Lines end with CRLF, as the RFC (and spreadsheet imports) expect.
 */
export function toCsv(rows: readonly Record<string, unknown>[]): string {
  const flat = rows.map((r) => flatten(r));
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of flat) {
    for (const key of row.keys()) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  const lines = [columns.map(cell).join(',')];
  for (const row of flat) lines.push(columns.map((c) => cell(row.get(c))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function flatten(value: Record<string, unknown>, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) flatten(v as Record<string, unknown>, name, out);
    else out.set(name, v);
  }
  return out;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? JSON.stringify(value) : String(value);
  // Quote when the text holds a separator, a quote or a line break; a leading = + - @ is left as is (numbers
  // such as -110 must stay numbers), so open untrusted exports with care in spreadsheets.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
