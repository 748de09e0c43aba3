import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { GetGradesUseCase, MAX_GRADE_RANGE_DAYS } from '@propcast/read-model';
import { sendList } from '../http/list-response';

/** GET /grades: graded performance over a range. */
@ApiTags('grades')
@Controller('grades')
export class GradesController {
  constructor(private readonly grades: GetGradesUseCase) {}

  @Get()
  @ApiOperation({ summary: 'Hit rate, ROI and Brier against the vig-free market by stat and model over a range; REAL and PROXY lines apart' })
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'from', required: true, description: 'first game date YYYY-MM-DD' })
  @ApiQuery({ name: 'to', required: true, description: `last game date YYYY-MM-DD (at most ${MAX_GRADE_RANGE_DAYS} days after from)` })
  @ApiQuery({ name: 'stat', required: false })
  @ApiQuery({ name: 'model', required: false, description: 'model id' })
  @ApiQuery({ name: 'format', required: false, description: 'json (default) or csv' })
  async get(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const report = await this.grades.execute(query);
    sendList(req, res, report, report.groups, `grades-${report.from}-${report.to}`);
  }
}
