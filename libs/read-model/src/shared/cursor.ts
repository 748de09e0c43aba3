import { InvalidParameterError } from '../errors';

/** An opaque page cursor: the last row id of the page, base64url-encoded so clients do not build their own. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(`p:${lastId}`, 'utf8').toString('base64url');
}

/** The row id a cursor points after; throws InvalidParameterError naming `cursor` when it is not one of ours. */
export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^p:(\d{1,19})$/.exec(text);
  if (!match) throw InvalidParameterError.of('cursor', 'is not a cursor this API returned');
  return match[1];
}
