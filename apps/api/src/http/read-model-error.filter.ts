import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { InvalidParameterError, ReadModelError, type ReadModelErrorCode } from '@propcast/read-model';

const STATUS: Record<ReadModelErrorCode, number> = { INVALID_PARAMETER: 400, NOT_FOUND: 404 };

/** Answers the read model's typed errors: 400 naming the bad parameter, 404 naming what is missing. */
@Catch(ReadModelError)
export class ReadModelErrorFilter implements ExceptionFilter {
  catch(error: ReadModelError, host: ArgumentsHost): void {
    const status = STATUS[error.code];
    const body: Record<string, unknown> = { statusCode: status, error: error.code, message: error.message };
    if (error instanceof InvalidParameterError) {
      body['parameter'] = error.parameter;
      body['problems'] = error.problems;
    }
    host.switchToHttp().getResponse<Response>().status(status).json(body);
  }
}
