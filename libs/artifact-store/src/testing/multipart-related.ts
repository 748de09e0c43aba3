/** One part of a multipart body: its headers (names lower-cased) and raw bytes. */
export interface MultipartPart {
  headers: Record<string, string>;
  body: Buffer;
}

const CRLF = Buffer.from('\r\n');

/** Splits a `multipart/related` body (RFC 2046) into its parts, binary-safe; throws on a malformed body. */
export function parseMultipartRelated(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!/^multipart\/related\s*;/i.test(contentType) || !boundary) throw new Error(`not a multipart/related content type: ${contentType}`);
  const delimiter = Buffer.from(`\r\n--${boundary[1] ?? boundary[2]}`);
  // Prefixing CRLF lets the first delimiter match like the others (it may start the body without one).
  const text = Buffer.concat([CRLF, body]);
  const parts: MultipartPart[] = [];
  let at = text.indexOf(delimiter);
  if (at < 0) throw new Error('multipart body has no boundary delimiter');
  for (;;) {
    at += delimiter.length;
    if (text.subarray(at, at + 2).toString() === '--') return parts;
    const next = text.indexOf(delimiter, at);
    if (next < 0) throw new Error('multipart body is not terminated by a closing delimiter');
    // A part is: rest of the delimiter line, header lines, an empty line, then the body.
    const part = text.subarray(text.indexOf(CRLF, at), next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) throw new Error('multipart part has no header/body separator');
    parts.push({ headers: parseHeaders(part.subarray(0, headerEnd).toString('latin1')), body: part.subarray(headerEnd + 4) });
    at = next;
  }
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n').filter(Boolean)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}
