import { Inject, Injectable, Logger } from '@nestjs/common';
import { ServiceNames, type EventEnvelope } from '@propcast/contracts';
import type { FeaturePipeline } from '@propcast/feature-pipeline';
import { OnEvent } from '@propcast/messaging';
import { FEATURE_PIPELINE } from '../feature-store.tokens';

/** Recomputes the dates an ingestion affected; failures are retried by the bus, then dead-lettered. */
@Injectable()
export class IngestionCompletedHandler {
  private readonly logger = new Logger('IngestionCompleted');

  constructor(@Inject(FEATURE_PIPELINE) private readonly pipeline: FeaturePipeline) {}

  /** Rewrites the dates the ingestion can have changed (its date only for prop lines, later dates too otherwise). */
  @OnEvent('ingestion.completed', { group: ServiceNames.featureStore })
  async handle(event: EventEnvelope<'ingestion.completed'>): Promise<void> {
    const result = await this.pipeline.recompute.onIngestion(event.data);
    if (result.skipped) {
      this.logger.debug(`${event.data.kind} of ${event.data.gameDate} (batch ${event.data.batchId}): already covered by a later computation`);
      return;
    }
    this.logger.log(`${event.data.kind} of ${event.data.gameDate} (batch ${event.data.batchId}): rewrote ${result.dates} dates, ${result.rows} rows from ${result.from} to ${result.to}`);
  }
}
