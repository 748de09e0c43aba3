import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@propcast/db';
import { createIngestionRepositories, PlayerAliasesUseCase } from '@propcast/ingestion';
import { PlayerAliasesController } from './player-aliases.controller';

/** POST/GET/DELETE /players/aliases. */
@Module({
  controllers: [PlayerAliasesController],
  providers: [{ provide: PlayerAliasesUseCase, useFactory: (pool: Pool) => new PlayerAliasesUseCase({ pool, repositories: createIngestionRepositories() }), inject: [PG_POOL] }],
})
export class PlayersModule {}
