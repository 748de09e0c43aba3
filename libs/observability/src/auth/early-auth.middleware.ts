import { HttpException } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendHttpExceptionBody } from '../http/error-body';
import type { ApiAuthenticator } from './api-authenticator';

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
      res.setHeader('Connection', 'close');
      sendHttpExceptionBody(req, res, err);
      req.resume();
    }
  };
}
