/** Escapes text for HTML and SVG content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** A plain HTML table (cells escaped); `attrs` is written into the opening tag as is (e.g. `id="phases"`). */
export function htmlTable(header: readonly string[], rows: readonly (readonly string[])[], attrs = ''): string {
  const head = header.length ? `<thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>` : '';
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
  return `<table${attrs ? ` ${attrs}` : ''}>${head}<tbody>${body}</tbody></table>`;
}
