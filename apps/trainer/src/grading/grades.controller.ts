import { Controller, Get, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { GradeDateUseCase, ListGradesUseCase, type GradeDateResult, type GradesReport } from '@propcast/grading';
import { GradingErrorFilter } from './grading-error.filter';
import { GradingMetricsRefresher } from './grading-metrics.refresher';

/** GET /grades and POST /grades/:date/regrade. */
@Controller('grades')
@UseFilters(GradingErrorFilter)
export class GradesController {
  constructor(
    private readonly list: ListGradesUseCase,
    private readonly gradeDate: GradeDateUseCase,
    private readonly metrics: GradingMetricsRefresher,
  ) {}

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
