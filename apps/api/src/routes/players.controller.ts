import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { GetPlayerUseCase } from '@propcast/read-model';
import { sendList } from '../http/list-response';

/** GET /players/:id: one player's recent form, predictions and grades. */
@ApiTags('players')
@Controller('players')
export class PlayersController {
  constructor(private readonly player: GetPlayerUseCase) {}

  @Get(':id')
  @ApiOperation({ summary: 'Recent form, latest predictions (newest first, graded) and graded performance by stat and model, REAL and PROXY lines apart' })
  @ApiProduces('application/json', 'text/csv')
  @ApiParam({ name: 'id', description: 'player id' })
  @ApiQuery({ name: 'games', required: false, description: 'recent games (default 10, at most 82)' })
  @ApiQuery({ name: 'predictions', required: false, description: 'latest predictions (default 50, at most 500)' })
  @ApiQuery({ name: 'format', required: false, description: 'json (default) or csv (the predictions)' })
  async get(@Param('id') id: string, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const report = await this.player.execute({ ...query, id });
    sendList(req, res, report, report.predictions, `player-${report.id}-predictions`);
  }
}
