import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@propcast/observability';
import { GetBoardUseCase } from '@propcast/read-model';
import { BOARD_KEY_REQUIRED } from '../api.tokens';

/** GET /: the slate board page (its script reads /picks, /games and /grades). */
@ApiExcludeController()
@Controller()
@Public() // the page holds no data and no key: its script fetches both with the key the user enters
export class BoardController {
  constructor(
    private readonly board: GetBoardUseCase,
    @Inject(BOARD_KEY_REQUIRED) private readonly keyRequired: boolean,
  ) {}

  @Get()
  async page(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const html = await this.board.execute(query, { keyRequired: this.keyRequired });
    res.status(200).setHeader('Content-Type', 'text/html; charset=utf-8');
    // The page holds no data and no key (the script fetches both); a fresh copy each load keeps the date menu current.
    res.setHeader('Cache-Control', 'no-store');
    res.send(html);
  }
}
