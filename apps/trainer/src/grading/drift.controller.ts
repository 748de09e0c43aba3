import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { driftOptions, EvaluateDriftUseCase, InvalidGradingRequestError, ListDriftReportsUseCase, type DriftReportResult, type StoredDriftReport } from '@propcast/grading';
import { GradingMetricsRefresher } from './grading-metrics.refresher';
import { GRADING_OPTIONS, type GradingModuleOptions } from './grading.tokens';

const RunDriftBody = z
  .object({
    stats: z.union([z.string(), z.array(z.string())]).optional(),
    model: z.string().optional(),
    asOf: z.string().optional(),
    publish: z.boolean().optional(),
    windowDays: z.number().optional(),
    psiThreshold: z.number().optional(),
    maeTolerance: z.number().optional(),
    ignoreFeatures: z.array(z.string()).optional(),
  })
  .strict();

/** POST /drift/run and GET /drift/reports. */
@Controller('drift')
export class DriftController {
  constructor(
    private readonly evaluate: EvaluateDriftUseCase,
    private readonly reports: ListDriftReportsUseCase,
    private readonly metrics: GradingMetricsRefresher,
    @Inject(GRADING_OPTIONS) private readonly options: GradingModuleOptions,
  ) {}

  /** Evaluates drift now (body: stats?, model?, asOf?, publish?, windowDays?, psiThreshold?, maeTolerance?, ignoreFeatures?); one report per model. */
  @Post('run')
  @HttpCode(200)
  async run(@Body() body: unknown): Promise<DriftReportResult[]> {
    const parsed = RunDriftBody.safeParse(body ?? {});
    if (!parsed.success) throw new InvalidGradingRequestError(`body: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    const { stats, model, asOf, publish, ...overrides } = parsed.data;
    const reports = await this.evaluate.execute({
      stats: Array.isArray(stats) ? stats.join(',') : stats,
      modelId: model,
      asOf,
      publish,
      options: { ...driftOptions(this.options.config), ...overrides },
    });
    await this.metrics.refresh();
    return reports;
  }

  /** Stored reports, latest first: `?stat=POINTS&limit=50`. */
  @Get('reports')
  list(@Query('stat') stat?: string, @Query('limit') limit?: string): Promise<StoredDriftReport[]> {
    return this.reports.execute({ stat, limit: limit === undefined ? undefined : Number(limit) });
  }
}
