import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ServiceNames, type EventEnvelope } from '@propcast/contracts';
import { EVENT_BUS, type EventBus } from '@propcast/messaging';
import { ServingModels } from '@propcast/prediction-serving';
import type { PredictionWorkerConfig } from '../config';
import { WORKER_CONFIG } from '../worker.tokens';

/**
 * Swaps a stat's models on model.promoted without a restart. Every worker must see every promotion, so each one
 * consumes with a group of its own (prediction-worker.<WORKER_INSTANCE>); the registry refresh interval covers
 * events missed while a worker was down. The bus closes the subscription at shutdown.
 */
@Injectable()
export class ModelPromotedSubscriber implements OnApplicationBootstrap {
  private readonly logger = new Logger(ModelPromotedSubscriber.name);

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: PredictionWorkerConfig,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly models: ServingModels,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.subscribe('model.promoted', `${ServiceNames.predictionWorker}.${this.config.WORKER_INSTANCE}`, (event) => this.onPromoted(event));
  }

  private async onPromoted(event: EventEnvelope<'model.promoted'>): Promise<void> {
    const models = await this.models.refresh(event.data.stat);
    const serving = models.primary ? `${models.primary.info.id}` : `nothing (${models.unavailableReason})`;
    const problems = models.problems.length ? `; problems: ${models.problems.join('; ')}` : '';
    this.logger.log(`model.promoted ${event.data.modelId} (${event.data.action}): ${event.data.stat} now served by ${serving}${problems}`);
  }
}
