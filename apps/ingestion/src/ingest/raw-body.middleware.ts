import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendErrorBody } from '@propcast/observability';

/**
 * Reads import bodies as raw bytes (the batch is archived byte for byte and its sha256 identifies it), up to
 * `maxBytes`: beyond, it answers 413 at once. Multipart uploads are left to multer (same limit). Mounted on
 * /ingest before Nest's body parsers, which then see the body as consumed.
 */
export function rawBodyMiddleware(maxBytes: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || req.is('multipart/form-data')) return next();
    const tooLarge = (): void => {
      res.setHeader('Connection', 'close');
      sendErrorBody(req, res, { statusCode: 413, error: 'PAYLOAD_TOO_LARGE', message: `the import is larger than ${maxBytes} bytes (INGEST_MAX_BODY_BYTES)` });
    };
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
      tooLarge();
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      req.body = Buffer.concat(chunks);
      next();
    });
    req.on('error', (err) => {
      if (!refused) next(err);
    });
  };
}
