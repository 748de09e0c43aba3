import type { PoolClient } from 'pg';
import type { IngestionRepositories } from '../composition/ingestion-repositories';
import type { FieldSource } from '../input/field-source';
import type { PropStat } from '../formats/props.format';
import type { JsonDialect } from '../input/table';
import type { ProblemCollector } from '../validation/problems';
import type { SkippedRows } from '../validation/skipped-rows';
import type { WriteResult } from '../writers/write-result';

/** What a batch holds (Prisma enum IngestKind). */
export type IngestKind = 'BOX_SCORES' | 'SCHEDULE' | 'PROPS' | 'GAME_LINES' | 'AVAILABILITY';

/** Facts of the batch being imported that preparation and writing need. */
export interface BatchContext {
  batchId: string;
  now: Date;
  /** Capture time for prop or game lines whose feed does not say when they were captured. */
  capturedAt?: Date;
  /** Report time for availability reports whose rows do not say when they were made (the official report's time). */
  reportedAt?: Date;
  /** The repositories a kind reads games and players through (built by the composition root). */
  repositories: Pick<IngestionRepositories, 'games' | 'players' | 'boxScoreAvailability'>;
}

/** Batch options that change how records read. */
export interface MapperOptions {
  /** Props: the market of a one-market feed whose rows name none (e.g. The Odds API's PRA near-close export). */
  stat?: PropStat;
}

/** Maps one table's records to rows of a kind. */
export interface RowMapper<Row> {
  /** Required columns the table lacks; the batch is rejected as a whole when any is missing. */
  missingColumns(): string[];
  /** The row, or null when the record has problems (recorded) or is skipped (counted). */
  map(record: FieldSource): Row | null;
}

/**
 * Rows written while the input is still being parsed (a big first load): the database ingests one chunk while the
 * next is parsed. Everything stays in the batch transaction, so a batch rejected afterwards still leaves no trace.
 */
export interface StreamingLoad<Row> {
  /** Takes a row as soon as it is parsed and valid on its own (it may still be rejected by batch checks later). */
  push(row: Row): void;
  /** Resolves when the database has caught up enough to take more (called between input chunks). */
  drain(): Promise<void>;
  /** Ends the stream; the client can then run other statements. Call it once parsing ends, even on failure. */
  close(): Promise<void>;
  /** Makes the table hold exactly the valid rows (removes streamed rows rejected later, adds the ones held back) and completes the write. */
  finish(valid: Row[], ctx: BatchContext): Promise<WriteResult>;
}

/** Everything kind-specific about an import: how to read, check against the database, deduplicate and write. */
export interface IngestKindHandler<Parsed extends { row: number }, Prepared extends { row: number }> {
  kind: IngestKind;
  /** Path segment of the raw artifacts (`raw/<slug>/...`) and the HTTP route (`/ingest/<slug>`). */
  slug: string;
  dialects: readonly JsonDialect[];
  /** Scores an nba_api result set's headers, to pick the set this kind reads. */
  scoreColumns(columns: readonly string[]): number;
  mapper(columns: readonly string[], problems: ProblemCollector, skipped: SkippedRows, options: MapperOptions): RowMapper<Parsed>;
  /** Checks and completes the rows against the database (inside the batch transaction); problems are recorded. */
  prepare(client: PoolClient, rows: Parsed[], problems: ProblemCollector, ctx: BatchContext): Promise<{ rows: Prepared[]; flags: Record<string, unknown> }>;
  /** Collapses identical duplicates and reports conflicting ones. */
  collapse(rows: Prepared[], problems: ProblemCollector): { rows: Prepared[]; collapsed: number };
  /** Writes the valid rows in the batch transaction. */
  write(client: PoolClient, rows: Prepared[], ctx: BatchContext): Promise<WriteResult>;
  /** Work that follows the write of either path in the same transaction (e.g. availability derived from box scores); its result joins the write's details. */
  afterWrite?(client: PoolClient, rows: Prepared[], ctx: BatchContext): Promise<Record<string, unknown>>;
  /** Starts a streaming load when it applies (null otherwise); only for kinds whose parsed rows are their written rows. */
  openStreamingLoad?(client: PoolClient, ctx: BatchContext): Promise<StreamingLoad<Parsed> | null>;
}
