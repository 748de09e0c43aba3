import { HttpException } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendHttpExceptionBody } from '../http/error-body';
import type { ApiAuthenticator } from './api-authenticator';

/**
 * Authenticates before a body is read (mounted ahead of a raw-body reader): an unauthenticated client must not make a
 * service buffer a 100 MB upload only to be refused. The guard later reuses the caller found here.
 */
export function earlyAuthMiddleware(authenticator: ApiAuthenticator): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      authenticator.authorize(req, authenticator.authenticate(req, res));
      next();
    } catch (err) {
      if (!(err instanceof HttpException)) return next(err);
      res.setHeader('Connection', 'close');
      sendHttpExceptionBody(req, res, err);
      req.resume();
    }
  };
}
