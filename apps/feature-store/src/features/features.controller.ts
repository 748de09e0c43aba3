import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { InvalidFeatureRequestError, resolveFeatureSet, UnknownFeatureSetError, UnknownPlayersError, type FeaturePipeline } from '@propcast/feature-pipeline';
import { FEATURE_PIPELINE } from '../feature-store.tokens';
import { FeaturesJsonWriter } from './features-json';

/** GET /features: stored feature vectors of a slate, cache first. */
@Controller('features')
export class FeaturesController {
  private readonly json = new FeaturesJsonWriter();

  constructor(@Inject(FEATURE_PIPELINE) private readonly pipeline: FeaturePipeline) {}

  /** `?gameDate=YYYY-MM-DD&playerIds=1,2,3&set=v1`: ordered vectors with names and version; 404 naming unknown players or date. */
  @Get()
  async get(@Query('gameDate') gameDate: string | undefined, @Query('playerIds') playerIds: string | undefined, @Query('set') set: string | undefined, @Res() res: Response): Promise<void> {
    if (set !== undefined && resolveFeatureSet(set).id !== this.pipeline.featureSet.id) {
      throw new UnknownFeatureSetError(set, [this.pipeline.featureSet.id]);
    }
    if (gameDate === undefined) throw new InvalidFeatureRequestError('gameDate', 'is required (YYYY-MM-DD)');
    const vectors = await this.pipeline.reader.getVectors(gameDate, parsePlayerIds(playerIds));
    if (vectors.missingPlayerIds.length > 0) throw new UnknownPlayersError(vectors.featureSet.id, gameDate, vectors.missingPlayerIds);
    const body = this.json.write(vectors);
    // Ended directly: Express's send() would hash the whole body for an ETag on every warm request.
    res.status(200).setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', body.length);
    res.end(body);
  }
}

function parsePlayerIds(value: string | undefined): number[] {
  if (value === undefined || value.trim() === '') throw new InvalidFeatureRequestError('playerIds', 'is required (comma-separated player ids)');
  return value.split(',').map((s) => {
    if (!/^\d+$/.test(s.trim())) throw new InvalidFeatureRequestError('playerIds', `must be comma-separated positive integers, got "${s}"`);
    return Number(s);
  });
}
