export { ImportBatchUseCase, INGEST_KINDS, type ImportBatchDeps } from './usecases/import-batch.usecase';
export type { ImportBatchCommand, ImportReport, ImportProgress, ReportRows } from './usecases/import-batch.command';
export type { IngestKind } from './usecases/ingest-kind';
export type { IngestStatus } from './audit/batch-audit';
export type { RawInput } from './input/raw-input';
export { formatProblem, MAX_LISTED_PROBLEMS, ValidationFailedError, type RowProblem } from './validation/problems';
export { NBA_TEAMS, resolveTeam, teamById, type NbaTeam } from './teams/nba-teams';
export { normalizePlayerName } from './formats/player-names';
export type { EventPublisher } from './events/ingestion-events';
