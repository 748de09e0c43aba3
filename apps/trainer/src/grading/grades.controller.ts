import { Controller, Get, Inject, HttpCode, Param, Post, Query } from '@nestjs/common';
import { EvaluateChallengersUseCase, GradeDateUseCase, ListGradesUseCase, promotionSettings, type ChallengersReport, type GradeDateResult, type GradesReport } from '@propcast/grading';
import { GradingMetricsRefresher } from './grading-metrics.refresher';
import { GRADING_OPTIONS, type GradingModuleOptions } from './grading.tokens';

/** GET /grades, GET /grades/challengers and POST /grades/:date/regrade. */
@Controller('grades')
export class GradesController {
  constructor(
    private readonly list: ListGradesUseCase,
    private readonly gradeDate: GradeDateUseCase,
    private readonly metrics: GradingMetricsRefresher,
    private readonly challengers: EvaluateChallengersUseCase,
    @Inject(GRADING_OPTIONS) private readonly options: GradingModuleOptions,
  ) {}

  /**
   * Every serving challenger and shadow against production on the same graded real-priced props (read only):
   * `?from=YYYY-MM-DD&to=YYYY-MM-DD[&stat=THREES]`; default to = yesterday, from = PROMOTION_WINDOW_DAYS before it.
   */
  @Get('challengers')
  challengersReport(@Query('from') from?: string, @Query('to') to?: string, @Query('stat') stat?: string): Promise<ChallengersReport> {
    const end = to ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const start = from ?? windowStart(end, promotionSettings(this.options.config).windowDays);
    return this.challengers.report({ from: start, to: end, stat });
  }

  /** Daily summaries and range totals per model and stat: `?from=YYYY-MM-DD&to=YYYY-MM-DD[&stat=POINTS][&model=<id>]`. */
  @Get()
  grades(@Query('from') from: string, @Query('to') to: string, @Query('stat') stat?: string, @Query('model') model?: string): Promise<GradesReport> {
    return this.list.execute({ from: from ?? '', to: to ?? '', stat, model });
  }

  /** Grades (again) every prediction of a date; idempotent. */
  @Post(':date/regrade')
  @HttpCode(200)
  async regrade(@Param('date') date: string): Promise<GradeDateResult> {
    const result = await this.gradeDate.execute(date);
    await this.metrics.refresh();
    return result;
  }
}

/** The first day of a window of `days` days ending at `to` (an invalid `to` is left to the use case to refuse). */
export function windowStart(to: string, days: number): string {
  const t = Date.parse(`${to}T00:00:00Z`);
  return Number.isFinite(t) ? new Date(t - (days - 1) * 86_400_000).toISOString().slice(0, 10) : to;
}
