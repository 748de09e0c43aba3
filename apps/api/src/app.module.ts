import { DynamicModule, Module } from '@nestjs/common';
import { ArtifactStoreModule } from '@propcast/artifact-store';
import { DbModule } from '@propcast/db';
import { ObservabilityModule, postgresHealthCheck } from '@propcast/observability';
import { BOARD_KEY_REQUIRED } from './api.tokens';
import type { ApiConfig } from './config';
import { readModelProviders } from './read-model.providers';
import { BetsController } from './routes/bets.controller';
import { BoardController } from './routes/board.controller';
import { GamesController } from './routes/games.controller';
import { GradesController } from './routes/grades.controller';
import { PicksController } from './routes/picks.controller';
import { PlayersController } from './routes/players.controller';
import { PredictionsController } from './routes/predictions.controller';
import { PriceController } from './routes/price.controller';

/** Root module of the read API: Postgres reads (and the bet log's one table of writes), no bus, no Redis. */
@Module({})
export class AppModule {
  static forRoot(config: ApiConfig, options: { boardKeyRequired?: boolean } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL, poolSize: 10 }),
        ObservabilityModule.forRoot({ service: 'api', checks: [postgresHealthCheck(config.DATABASE_URL)] }),
        ArtifactStoreModule.forRoot({ uri: config.ARTIFACT_STORE_URI }),
      ],
      controllers: [BoardController, PredictionsController, PicksController, GamesController, PlayersController, GradesController, PriceController, BetsController],
      providers: [
        ...readModelProviders(config),
        // The page itself is public (it holds no data); its script asks for a read key unless AUTH_DISABLED.
        { provide: BOARD_KEY_REQUIRED, useValue: options.boardKeyRequired ?? !config.AUTH_DISABLED },
      ],
    };
  }
}
