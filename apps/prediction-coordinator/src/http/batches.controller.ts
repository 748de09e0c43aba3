import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { GetBatchStatusUseCase, NothingToPredictError, StartBatchUseCase, type BatchStatus } from '@propcast/prediction-serving';
import { StartRequestSchema, StatusQuerySchema, validate } from './request.schemas';

/** Answer of POST /start. */
export interface StartResponse {
  batchId: string;
  gameDate: string;
  attempt: number;
  state: string;
  requested: number;
  /** False when the date's existing batch was returned. */
  created: boolean;
  statusUrl: string;
}

/**
 * Batch control: start and status (API keys: the global guard of the service bootstrap). Job results are not posted
 * here: the worker records them with its predictions, and the queue's events finish batches and record failures.
 */
@Controller()
export class BatchesController {
  constructor(
    private readonly startBatch: StartBatchUseCase,
    private readonly batchStatus: GetBatchStatusUseCase,
  ) {}

  /**
   * Starts the date's batch (or returns the existing one; `force` starts a new attempt). 409 when the date's features
   * are not ready (its expected processors have not all reported), when it has no scheduled game, or when its slate
   * had no request (the attempt is recorded EMPTY and does not stand for the date).
   */
  @Post('start')
  @HttpCode(202)
  async start(@Body() body: unknown): Promise<StartResponse> {
    const request = validate(StartRequestSchema, body);
    const { batch, created } = await this.startBatch.execute({ ...request, trigger: 'manual' });
    if (batch.state === 'EMPTY') {
      throw new NothingToPredictError(batch.gameDate, `no player of its scheduled games has a feature row or a line to predict (batch ${batch.id} recorded as EMPTY)`);
    }
    return {
      batchId: batch.id,
      gameDate: batch.gameDate,
      attempt: batch.attempt,
      state: batch.state,
      requested: batch.requested,
      created,
      statusUrl: `/status/${batch.id}`,
    };
  }

  /** Status of one batch. */
  @Get('status/:batchId')
  status(@Param('batchId') batchId: string): Promise<BatchStatus> {
    return this.batchStatus.execute({ batchId });
  }

  /** Status of a date's current batch (its latest attempt). */
  @Get('status')
  statusOfDate(@Query() query: unknown): Promise<BatchStatus> {
    return this.batchStatus.execute(validate(StatusQuerySchema, query));
  }
}
