import { Body, Controller, Get, HttpCode, Inject, Logger, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { InvalidFeatureRequestError, type BackfillView, type FeaturePipeline } from '@propcast/feature-pipeline';
import { FEATURE_PIPELINE } from '../feature-store.tokens';

const StartBackfillBody = z
  .object({
    from: z.string().optional(),
    to: z.string().optional(),
    emitEvents: z.boolean().optional(),
    fresh: z.boolean().optional(),
    skipIfCurrent: z.boolean().optional(),
  })
  .strict();

/** POST /backfill and GET /backfill/:id: start (or resume) a backfill, follow its progress. */
@Controller('backfill')
export class BackfillController {
  private readonly logger = new Logger('Backfill');

  constructor(@Inject(FEATURE_PIPELINE) private readonly pipeline: FeaturePipeline) {}

  /**
   * Starts a backfill (body: from?, to?, emitEvents?, fresh?) or resumes the unfinished one: 202 with its id. With
   * skipIfCurrent and rows already current: 200 with `skipped: true` and nothing started.
   */
  @Post()
  @HttpCode(202)
  async start(
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ id: string; resumed: boolean; status: string; fromDate: string; toDate: string; datesTotal: number } | { skipped: true; rows: number; reason: string }> {
    const parsed = StartBackfillBody.safeParse(body ?? {});
    if (!parsed.success) throw new InvalidFeatureRequestError('body', parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
    const started = await this.pipeline.backfill.startUnlessCurrent(parsed.data);
    if ('skipped' in started) {
      res.status(200);
      return started;
    }
    const { id, fromDate, toDate, datesTotal } = started.backfill;
    started.done.then(
      (b) => this.logger.log(`backfill ${b.id} completed: ${b.datesDone} dates, ${b.rowsWritten} rows`),
      (err: Error) => this.logger.error(`backfill ${id} failed: ${err.message}`),
    );
    return { id, resumed: started.resumed, status: 'running', fromDate, toDate, datesTotal };
  }

  /** Status, datesDone/datesTotal, rowsWritten, rate (rows/s) and ETA (s). */
  @Get(':id')
  status(@Param('id') id: string): Promise<BackfillView> {
    return this.pipeline.backfill.status(id);
  }
}
