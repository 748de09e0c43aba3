import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ListBetsUseCase, RecordBetUseCase, type BetView } from '@propcast/read-model';
import { sendList } from '../http/list-response';

/** POST /bets and GET /bets: the bet log. */
@ApiTags('bets')
@Controller('bets')
export class BetsController {
  constructor(
    private readonly record: RecordBetUseCase,
    private readonly list: ListBetsUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: "Records a bet actually taken, with the serving model's probability and EV at the line and price taken (a write key once keys are on)" })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['playerId', 'stat', 'side', 'line', 'price', 'stake', 'book'],
      properties: {
        playerId: { type: 'integer' },
        gameId: { type: 'string', description: '10-digit NBA game id (or give date)' },
        date: { type: 'string', format: 'date' },
        stat: { type: 'string' },
        side: { type: 'string', enum: ['OVER', 'UNDER'] },
        line: { type: 'number' },
        price: { type: 'integer', description: 'American odds paid' },
        stake: { type: 'number' },
        book: { type: 'string' },
        takenAt: { type: 'string', format: 'date-time' },
        note: { type: 'string' },
      },
    },
  })
  create(@Body() body: unknown): Promise<BetView> {
    return this.record.execute(body);
  }

  @Get()
  @ApiOperation({ summary: 'The bet log graded against the box scores: open exposure and realised ROI per day, CLV and the model expectation' })
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'date', required: false })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'format', required: false, description: 'json (default) or csv (the bets)' })
  async get(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const report = await this.list.execute(query);
    sendList(req, res, report, report.bets, `bets-${report.from ?? 'all'}-${report.to ?? 'all'}`);
  }
}
