import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ServiceNames } from '@propcast/contracts';
import { EVENT_BUS, PubSubEventBus, transportOf, type EventBus, type PushHandler } from '@propcast/messaging';
import { Public } from '@propcast/observability';
import { RecordTriggerUseCase, ServingConfigError, StartNewsBatchesUseCase } from '@propcast/prediction-serving';

/**
 * POST /pubsub/push: the push subscription of phase.completed (EVENT_TRANSPORT=pubsub). The OIDC token is verified
 * when PUSH_AUDIENCE is set; 2xx only once the trigger is recorded (and the batch started when due), else Pub/Sub
 * redelivers. No API key (@Public): Pub/Sub cannot send one, the OIDC token is the credential.
 */
@Controller('pubsub')
@Public()
export class PubSubPushController {
  private readonly handle: PushHandler;

  constructor(@Inject(EVENT_BUS) serviceBus: EventBus, recordTrigger: RecordTriggerUseCase, startNews: StartNewsBatchesUseCase) {
    // The service's bus publishes through the outbox; pushes arrive from the transport under it.
    const bus = transportOf(serviceBus);
    if (!(bus instanceof PubSubEventBus)) throw new ServingConfigError('the push endpoint needs EVENT_TRANSPORT=pubsub');
    this.handle = bus.createPushHandler('phase.completed', ServiceNames.predictionCoordinator, async (event) => {
      await recordTrigger.execute({ gameDate: event.data.gameDate, processor: event.data.processor, messageId: event.id, transport: 'pubsub' });
      await startNews.execute(event.data.gameDate);
    });
  }

  /** Handles one push delivery. */
  @Post('push')
  @HttpCode(204)
  async push(@Req() req: Request, @Res() res: Response): Promise<void> {
    const result = await this.handle(req.body, req.headers);
    if (result.status === 204) res.status(204).end();
    else res.status(result.status).json({ error: result.error ?? result.outcome ?? 'not handled' });
  }
}
