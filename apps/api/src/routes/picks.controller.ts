import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CachedPicks, CALLS, toCsv } from '@propcast/read-model';
import { wantsCsv } from '../http/list-response';

/** GET /picks: a date's props ranked by EV at the best price across books (cached per query until the day's data changes). */
@ApiTags('picks')
@Controller('picks')
export class PicksController {
  constructor(private readonly picks: CachedPicks) {}

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
    const picks = await this.picks.execute(query);
    const csv = wantsCsv(req);
    const etag = csv ? `${picks.etag.slice(0, -1)}-csv"` : picks.etag;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Vary', 'Accept, Accept-Encoding');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    if (csv) {
      res.status(200).setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="picks-${picks.list.date}.csv"`);
      res.send(toCsv(picks.list.picks as unknown as Record<string, unknown>[]));
      return;
    }
    // Ended directly with the cached serialisation: Express's json() would serialise (and ETag-hash) megabytes again.
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? picks.gzip() : Buffer.from(picks.json(), 'utf8');
    res.status(200).setHeader('Content-Type', 'application/json; charset=utf-8');
    if (gzip) res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', body.length);
    res.end(body);
  }
}
