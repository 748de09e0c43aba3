import { BatchAuditRepository } from '../audit/batch-audit.repository';
import { BoxScoreAvailabilityRepository } from '../availability/boxscore-availability.repository';
import { GamesRepository } from '../games/games.repository';
import { PlayerAliasesRepository } from '../identity/player-aliases.repository';
import { PlayerMergeRepository } from '../identity/player-merge.repository';
import { PlayersRepository } from '../identity/players.repository';
import { IngestLockRepository } from '../usecases/ingest-lock.repository';

/**
 * The repositories of ingestion. Stateless (every method takes the pool or the transaction's client), so one set
 * serves a whole process. The import's write side is in `writers/*.writer.ts` (a writer is a repository: see
 * docs/architecture.md).
 */
export interface IngestionRepositories {
  lock: IngestLockRepository;
  audit: BatchAuditRepository;
  games: GamesRepository;
  players: PlayersRepository;
  aliases: PlayerAliasesRepository;
  merges: PlayerMergeRepository;
  boxScoreAvailability: BoxScoreAvailabilityRepository;
}

/** The Postgres repositories (the composition root of the ingestion service, the CLI and the tests). */
export function createIngestionRepositories(): IngestionRepositories {
  return {
    lock: new IngestLockRepository(),
    audit: new BatchAuditRepository(),
    games: new GamesRepository(),
    players: new PlayersRepository(),
    aliases: new PlayerAliasesRepository(),
    merges: new PlayerMergeRepository(),
    boxScoreAvailability: new BoxScoreAvailabilityRepository(),
  };
}
