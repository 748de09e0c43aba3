import { BadRequestException, Controller, HttpStatus, Inject, Logger, Post, Query, Req, Res, UploadedFile, UseInterceptors, applyDecorators, type Type } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { principalOf, RateLimitPerKey, sendErrorBody } from '@propcast/observability';
import type { Request, Response } from 'express';
import { isDatabaseUnavailable } from '@propcast/db';
import { ImportBatchUseCase, InputTooLargeError, type ImportReport, type IngestKind } from '@propcast/ingestion';
import { BoxScoresBodyDto, ImportQueryDto, ImportQuerySchema, AvailabilityBodyDto, GameLinesBodyDto, ImportReportDto, PropsBodyDto, ScheduleBodyDto } from './ingest.dto';

/** The part of multer's uploaded file the import uses (held in memory). */
interface UploadedBatchFile {
  buffer: Buffer;
  originalname: string;
  mimetype: string;
}

/** HTTP status of a report: 201 accepted, 200 duplicate or dry run, 207 partial, 422 rejected. */
export function httpStatusOf(report: ImportReport): number {
  switch (report.status) {
    case 'ACCEPTED':
      return report.dryRun ? HttpStatus.OK : HttpStatus.CREATED;
    case 'DUPLICATE':
      return HttpStatus.OK;
    case 'PARTIAL':
      return HttpStatus.MULTI_STATUS;
    default:
      return HttpStatus.UNPROCESSABLE_ENTITY;
  }
}

/** OpenAPI of one import endpoint: JSON/NDJSON/CSV body or a multipart `file`, and the statuses it answers. */
function ImportEndpoint(summary: string, body: Type<unknown>): MethodDecorator {
  return applyDecorators(
    ApiOperation({
      summary,
      description: 'Send the batch as the request body (application/json, application/x-ndjson, text/csv, application/gzip) or as a multipart/form-data field `file` (CSV, CSV.gz, JSON, NDJSON).',
    }),
    ApiExtraModels(body),
    ApiConsumes('application/json', 'application/x-ndjson', 'text/csv', 'application/gzip', 'multipart/form-data'),
    ApiBody({ schema: { oneOf: [{ $ref: getSchemaPath(body) }, { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] }] } }),
    ApiResponse({ status: 201, type: ImportReportDto, description: 'ACCEPTED: every row valid, written in one transaction' }),
    ApiResponse({ status: 200, type: ImportReportDto, description: 'DUPLICATE: these exact bytes were already imported (nothing written), or a dry run' }),
    ApiResponse({ status: 207, type: ImportReportDto, description: 'PARTIAL (allowPartial=true): valid rows written, rejects in rejectUri' }),
    ApiResponse({
      status: 422,
      description:
        'REJECTED: nothing written. The error body `{statusCode, error: IMPORT_REJECTED, message, details, requestId}` carries the report in `details` (its errors list `row N, field F: what is wrong`)',
    }),
    ApiResponse({ status: 400, description: 'no body or file, or a bad query option' }),
    ApiResponse({ status: 413, description: 'body or file larger than INGEST_MAX_BODY_BYTES, inflating past INGEST_MAX_INFLATED_BYTES, or with a line longer than INGEST_MAX_LINE_CHARS' }),
    ApiResponse({ status: 401, description: 'missing or wrong API key' }),
    ApiResponse({ status: 403, description: 'a read key (READ_API_KEYS): imports need a key of API_KEYS' }),
    ApiResponse({ status: 429, description: 'more than IMPORT_RATE_LIMIT_PER_MINUTE imports by this key in a minute, or too many failed keys from this client' }),
    ApiResponse({ status: 503, description: 'the database was unreachable or its connection dropped: nothing was imported, retry (Retry-After)' }),
  );
}

/** Imports box scores, schedules, prop lines and game lines over HTTP: a thin adapter over ImportBatchUseCase. */
@ApiTags('ingest')
@Controller('ingest')
@RateLimitPerKey('imports')
export class IngestController {
  private readonly logger = new Logger('IngestController');

  constructor(@Inject(ImportBatchUseCase) private readonly importBatch: ImportBatchUseCase) {}

  /** POST /ingest/box-scores. */
  @Post('box-scores')
  @ImportEndpoint('Import player box scores (nba_api PlayerGameLogs/LeagueGameLog/BoxScoreTraditionalV2 CSV or JSON, Propcast JSON)', BoxScoresBodyDto)
  @UseInterceptors(FileInterceptor('file'))
  async boxScores(@Req() req: Request, @Res() res: Response, @Query() query: ImportQueryDto, @UploadedFile() file?: UploadedBatchFile): Promise<void> {
    await this.run('BOX_SCORES', req, res, query, file);
  }

  /** POST /ingest/schedule. */
  @Post('schedule')
  @ImportEndpoint('Import games to come (Propcast CSV/JSON, nba_api LeagueGameFinder CSV, data.nba.net schedule JSON)', ScheduleBodyDto)
  @UseInterceptors(FileInterceptor('file'))
  async schedule(@Req() req: Request, @Res() res: Response, @Query() query: ImportQueryDto, @UploadedFile() file?: UploadedBatchFile): Promise<void> {
    await this.run('SCHEDULE', req, res, query, file);
  }

  /** POST /ingest/props. */
  @Post('props')
  @ImportEndpoint('Import prop-line snapshots (Propcast CSV/JSON, The Odds API CSV, BetMGM fixture JSON)', PropsBodyDto)
  @UseInterceptors(FileInterceptor('file'))
  async props(@Req() req: Request, @Res() res: Response, @Query() query: ImportQueryDto, @UploadedFile() file?: UploadedBatchFile): Promise<void> {
    await this.run('PROPS', req, res, query, file);
  }

  /** POST /ingest/game-lines. */
  @Post('game-lines')
  @ImportEndpoint('Import game lines: spread, total and moneylines per game and book (Propcast CSV/JSON, the closing-lines CSV with whos_favored and an unsigned spread)', GameLinesBodyDto)
  @UseInterceptors(FileInterceptor('file'))
  async gameLines(@Req() req: Request, @Res() res: Response, @Query() query: ImportQueryDto, @UploadedFile() file?: UploadedBatchFile): Promise<void> {
    await this.run('GAME_LINES', req, res, query, file);
  }

  /** POST /ingest/availability. */
  @Post('availability')
  @ImportEndpoint(
    'Import player status reports: the NBA official injury report as CSV (Game Date, Matchup, Team, Player Name "Last, First", Current Status, Reason) or Propcast CSV/JSON; ?reportedAt= gives the report time',
    AvailabilityBodyDto,
  )
  @UseInterceptors(FileInterceptor('file'))
  async availability(@Req() req: Request, @Res() res: Response, @Query() query: ImportQueryDto, @UploadedFile() file?: UploadedBatchFile): Promise<void> {
    await this.run('AVAILABILITY', req, res, query, file);
  }

  private async run(kind: IngestKind, req: Request, res: Response, query: ImportQueryDto, file: UploadedBatchFile | undefined): Promise<void> {
    const options = ImportQuerySchema.safeParse(query);
    if (!options.success) throw new BadRequestException(options.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const body: unknown = req.body;
    const input = file
      ? { bytes: file.buffer, fileName: file.originalname, contentType: file.mimetype }
      : Buffer.isBuffer(body) && body.length > 0
        ? { bytes: body, contentType: req.headers['content-type'] }
        : undefined;
    if (!input) throw new BadRequestException('send the batch as the request body or as a multipart/form-data field "file"');
    // The audit actor is the API key's name (set by the guard), never text from the request.
    const actor = principalOf(req)?.name;
    let report: ImportReport;
    try {
      report = await this.importBatch.execute({ kind, input, source: file ? `http:${file.originalname}` : 'http', actor, ...options.data });
    } catch (err) {
      if (err instanceof InputTooLargeError) {
        this.logger.warn(`${kind} import refused: ${err.message}`);
        sendErrorBody(req, res, { statusCode: HttpStatus.PAYLOAD_TOO_LARGE, error: 'PAYLOAD_TOO_LARGE', message: err.message, details: { limit: err.limit, row: err.row } });
        return;
      }
      if (isDatabaseUnavailable(err)) {
        // The transaction did not complete (had it reached COMMIT, a retry answers DUPLICATE): the sender retries.
        this.logger.warn(`${kind} import failed, database unavailable: ${(err as Error).message}`);
        res.setHeader('Retry-After', '5');
        sendErrorBody(req, res, {
          statusCode: HttpStatus.SERVICE_UNAVAILABLE,
          error: 'DATABASE_UNAVAILABLE',
          message: `the database is unavailable and the import did not complete; retry it: ${(err as Error).message}`,
        });
        return;
      }
      throw err;
    }
    this.logger.log(`${kind} batch ${report.batchId}: ${report.status}: ${report.message}`);
    const status = httpStatusOf(report);
    // A rejected batch is an error like any other: the one error body, with the whole report as its details.
    if (status === HttpStatus.UNPROCESSABLE_ENTITY) sendErrorBody(req, res, { statusCode: status, error: 'IMPORT_REJECTED', message: report.message, details: report });
    else res.status(status).json(report);
  }
}
