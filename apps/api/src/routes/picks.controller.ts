import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CALLS, ListPicksUseCase } from '@propcast/read-model';
import { sendList } from '../http/list-response';

/** GET /picks: a date's props ranked by EV at the best price across books. */
@ApiTags('picks')
@Controller('picks')
export class PicksController {
  constructor(private readonly picks: ListPicksUseCase) {}

  @Get()
  @ApiOperation({
    summary:
      'Props of a date ranked by EV at the best available price across books (book named): model and vig-free market probabilities, edge, EV, capped Kelly, ' +
      'the line history of the day, quality flags, the result once graded, and lineSource (REAL or PROXY) on every pick',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'date', required: true, description: 'game date YYYY-MM-DD (an unknown date is an empty list)' })
  @ApiQuery({ name: 'stat', required: false })
  @ApiQuery({ name: 'minEdge', required: false })
  @ApiQuery({ name: 'book', required: false, description: 'only picks whose best price is at this book' })
  @ApiQuery({ name: 'game', required: false, description: '10-digit NBA game id' })
  @ApiQuery({ name: 'call', required: false, description: `${CALLS.join(', ')} (default BET: OVER or UNDER)` })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'include', required: false, description: 'history (default) and/or distribution, comma-separated' })
  @ApiQuery({ name: 'format', required: false, description: 'json (default) or csv' })
  async get(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const list = await this.picks.execute(query);
    sendList(req, res, list, list.picks, `picks-${list.date}`);
  }
}
