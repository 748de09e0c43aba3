import { DynamicModule, Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { ARTIFACT_STORE, type ArtifactStore } from '@propcast/artifact-store';
import { PG_POOL } from '@propcast/db';
import {
  createReadModelRepositories,
  ListPicksUseCase,
  ModelMetadataDistributions,
  NotifyPicksUseCase,
  recommendOptions,
  webhookUrlsOf,
  WebhookPoster,
  type BettingGatesConfig,
} from '@propcast/read-model';
import { PredictionsReadyNotifier } from './predictions-ready.notifier';

/** What the notifications read from the trainer's configuration. */
export type NotificationsConfig = BettingGatesConfig & { PICKS_WEBHOOK_URLS: string; PICKS_BOARD_URL: string; PICKS_WEBHOOK_MAX_PICKS: number };

/** Webhook retries: 4 attempts, 1 s then doubling, 10 s per attempt (a failing hook gives up within about a minute). */
export const WEBHOOK_RETRIES = { attempts: 4, backoffMs: 1000, timeoutMs: 10_000 };

/**
 * Picks notifications inside the trainer (it already consumes the bus and reads Postgres and the artifact store):
 * predictions.ready -> the date's picks, at the best price across books with the worker's gates -> every webhook of
 * PICKS_WEBHOOK_URLS. Needs DbModule, ArtifactStoreModule and MessagingModule in the root module.
 */
@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsConfig, retries = WEBHOOK_RETRIES): DynamicModule {
    return {
      module: NotificationsModule,
      providers: [
        {
          provide: NotifyPicksUseCase,
          inject: [PG_POOL, ARTIFACT_STORE],
          useFactory: (pool: Pool, artifacts: ArtifactStore) => {
            const repositories = createReadModelRepositories(pool);
            return new NotifyPicksUseCase(new ListPicksUseCase(repositories, new ModelMetadataDistributions(repositories.models, artifacts), recommendOptions(config)), new WebhookPoster(retries), {
              urls: webhookUrlsOf(config.PICKS_WEBHOOK_URLS),
              maxPicks: config.PICKS_WEBHOOK_MAX_PICKS,
              boardUrl: config.PICKS_BOARD_URL || undefined,
            });
          },
        },
        PredictionsReadyNotifier,
      ],
    };
  }
}
