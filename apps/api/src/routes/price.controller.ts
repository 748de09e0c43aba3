import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PriceLineUseCase, type WhatIfPrice } from '@propcast/read-model';

/** GET /price: what-if pricing of any line and odds. */
@ApiTags('price')
@Controller('price')
export class PriceController {
  constructor(private readonly price: PriceLineUseCase) {}

  @Get()
  @ApiOperation({ summary: "Prices a line and odds against the serving model's stored distribution for that player-game (nothing written; lineSource USER)" })
  @ApiQuery({ name: 'player', required: true, description: 'player id' })
  @ApiQuery({ name: 'stat', required: true })
  @ApiQuery({ name: 'line', required: true })
  @ApiQuery({ name: 'date', required: true, description: 'game date YYYY-MM-DD' })
  @ApiQuery({ name: 'over', required: false, description: 'American odds of the over (missing: -110 assumed, flagged)' })
  @ApiQuery({ name: 'under', required: false, description: 'American odds of the under (missing: -110 assumed, flagged)' })
  get(@Query() query: Record<string, unknown>): Promise<WhatIfPrice> {
    return this.price.execute(query);
  }
}
