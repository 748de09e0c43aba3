/**
 * How columns line up: `numeric` pads the first column right and right-aligns the others (figures line up on
 * their last digit); `left` left-aligns every column and trims trailing spaces.
 */
export type ColumnAlign = 'numeric' | 'left';

export interface TextTableOptions {
  align?: ColumnAlign;
  /** A rule of dashes under the header (default true). */
  rule?: boolean;
}

/** Renders rows as a fixed-width text table: header, a rule, then the rows, columns two spaces apart. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], options: TextTableOptions = {}): string {
  const { align = 'numeric', rule = true } = options;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => {
    const text = cells.map((c, i) => (align === 'left' || i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
    return align === 'left' ? text.trimEnd() : text;
  };
  const ruleLine = rule ? [line(widths.map((w) => '-'.repeat(w)))] : [];
  return [line(header), ...ruleLine, ...rows.map(line)].join('\n');
}

/** `key  value` lines with the keys padded to one width (the benchmarks' summaries). */
export function keyValueLines(rows: readonly (readonly [string, string | number] | readonly string[])[]): string {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
