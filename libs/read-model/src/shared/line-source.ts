import { PROXY_BOOK } from '@propcast/grading';

/**
 * Where a price comes from: a real book's quote, a PROXY line (a season average at -110/-110, not a market), or
 * USER for what-if prices someone typed in. Every betting figure the read model returns carries one.
 */
export type LineSource = 'REAL' | 'PROXY' | 'USER';

/** REAL for a book's quote, PROXY for the proxy book. */
export function lineSourceOf(book: string): 'REAL' | 'PROXY' {
  return book.toUpperCase() === PROXY_BOOK ? 'PROXY' : 'REAL';
}

/** True for the proxy book. */
export function isProxyBook(book: string): boolean {
  return book.toUpperCase() === PROXY_BOOK;
}
