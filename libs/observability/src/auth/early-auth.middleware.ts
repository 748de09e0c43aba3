import { HttpException } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendHttpExceptionBody } from '../http/error-body';
import type { ApiAuthenticator } from './api-authenticator';

/** Bytes of a refused request's body read and thrown away before its connection is cut. */
export const MAX_DISCARDED_BODY_BYTES = 8 * 1024 * 1024;

/**
 * Reads the rest of a refused request's body into nothing, so the client (which is still sending) gets to read the
 * answer: closing a socket with unread data resets it, and clients then report "fetch failed" instead of the 401.
 * Memory stays flat; past MAX_DISCARDED_BODY_BYTES the connection is cut (the answer went out first).
 */
function discardBody(req: Request): void {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BODY_BYTES) req.socket.destroy();
  });
  req.resume();
}

/**
 * Authenticates before a body is read (mounted ahead of a raw-body reader): an unauthenticated client must not make a
 * service buffer a 100 MB upload only to be refused, nor a key past its rate. The guard later reuses the caller found here.
 */
export function earlyAuthMiddleware(authenticator: ApiAuthenticator, rateLimit?: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      const principal = authenticator.authenticate(req, res);
      authenticator.authorize(req, principal);
      // A flood is refused before its bodies are read, too (the guard then does not count the request again).
      if (rateLimit) authenticator.limit(rateLimit, principal, req, res);
      next();
    } catch (err) {
      if (!(err instanceof HttpException)) return next(err);
      sendHttpExceptionBody(req, res, err);
      discardBody(req);
    }
  };
}
