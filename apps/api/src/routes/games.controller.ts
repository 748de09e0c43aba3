import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ListGamesUseCase } from '@propcast/read-model';
import { sendList } from '../http/list-response';

/** GET /games: a date's games. */
@ApiTags('games')
@Controller('games')
export class GamesController {
  constructor(private readonly games: ListGamesUseCase) {}

  @Get()
  @ApiOperation({ summary: "A date's games: teams, status, scores, and how many predictions and lines each has" })
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'date', required: true, description: 'game date YYYY-MM-DD (an unknown date is an empty list)' })
  @ApiQuery({ name: 'format', required: false, description: 'json (default) or csv' })
  async get(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const list = await this.games.execute(query);
    sendList(req, res, list, list.games, `games-${list.date}`);
  }
}
