import { Inject, Injectable, Logger } from '@nestjs/common';
import { ServiceNames, type EventEnvelope } from '@propcast/contracts';
import { OnEvent } from '@propcast/messaging';
import type { TrainingServices } from '@propcast/training';
import { TRAINING_SERVICES } from '../trainer.tokens';

/** Starts runs when someone (drift job, operator) publishes `retrain.requested`; stats already training are skipped. */
@Injectable()
export class RetrainRequestedHandler {
  private readonly logger = new Logger(RetrainRequestedHandler.name);

  constructor(@Inject(TRAINING_SERVICES) private readonly training: TrainingServices) {}

  /** Queues the runs and acknowledges (training itself continues in the background). */
  @OnEvent('retrain.requested', { group: ServiceNames.trainer })
  async handle(event: EventEnvelope<'retrain.requested'>): Promise<void> {
    const { stats, reason, driftReportId } = event.data;
    const trigger = driftReportId ? 'drift' : 'manual';
    const started = await this.training.startTraining.execute({ stats, trigger, reason: `${event.source}: ${reason}${driftReportId ? ` (drift report ${driftReportId})` : ''}` });
    this.logger.log(
      `retrain.requested ${event.id}: started ${started.runs.map((r) => `${r.stat}:${r.runId}`).join(', ') || 'nothing'}; busy ${started.refused.map((r) => r.stat).join(', ') || 'none'}`,
    );
    void started.completion;
  }
}
