import { createEvent, type RetrainRequestedData } from '@propcast/contracts';
import type { EventPublisher } from '../registry/model-promotion.notifier';

/** Asks the trainer (any instance) to retrain stats by publishing `retrain.requested`; for the drift job and operators. */
export async function requestRetrain(publisher: EventPublisher, request: RetrainRequestedData, source: string): Promise<string> {
  return publisher.publish(createEvent('retrain.requested', request, source));
}
