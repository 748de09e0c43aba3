import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ListPredictionsUseCase, MAX_PAGE_SIZE } from '@propcast/read-model';
import { sendList } from '../http/list-response';

/** GET /predictions: stored predictions, filtered, cursor-paged. */
@ApiTags('predictions')
@Controller('predictions')
export class PredictionsController {
  constructor(private readonly list: ListPredictionsUseCase) {}

  @Get()
  @ApiOperation({ summary: 'Stored predictions filtered and paged by cursor (stable id order); lineSource REAL or PROXY on every priced row' })
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'date', required: false, description: 'game date YYYY-MM-DD' })
  @ApiQuery({ name: 'stat', required: false, description: 'POINTS, REBOUNDS, ASSISTS, THREES or PRA' })
  @ApiQuery({ name: 'player', required: false, description: 'player id' })
  @ApiQuery({ name: 'team', required: false, description: 'team abbreviation or id' })
  @ApiQuery({ name: 'game', required: false, description: '10-digit NBA game id' })
  @ApiQuery({ name: 'model', required: false, description: 'model id' })
  @ApiQuery({ name: 'modelVersion', required: false, description: 'model version' })
  @ApiQuery({ name: 'recommendation', required: false, description: 'OVER, UNDER or PASS' })
  @ApiQuery({ name: 'minEdge', required: false, description: 'minimum edge (model minus vig-free market probability)' })
  @ApiQuery({ name: 'book', required: false, description: 'book the prediction was priced at (PROXY for proxy lines)' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: `page size (default 100, at most ${MAX_PAGE_SIZE})` })
  @ApiQuery({ name: 'format', required: false, description: 'json (default) or csv' })
  async get(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const page = await this.list.execute(query);
    if (page.nextCursor) res.setHeader('X-Next-Cursor', page.nextCursor);
    sendList(req, res, page, page.items, `predictions-${String(query['date'] ?? 'all')}`);
  }
}
