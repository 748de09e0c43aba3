import type { IngestStatus } from '../audit/batch-audit';
import type { RawInput } from '../input/raw-input';
import type { RowProblem } from '../validation/problems';
import type { PropStat } from '../formats/props.format';
import type { IngestKind } from './ingest-kind';

/** Where an import is, for progress bars: rows read so far and the fraction of the input consumed. */
export interface ImportProgress {
  phase: 'parse' | 'write' | 'done';
  rows: number;
  fraction: number;
}

/** One batch to import: a whole file or HTTP body of one kind. */
export interface ImportBatchCommand {
  kind: IngestKind;
  input: RawInput;
  /** File name, or "http" (stored in ingest_batches.source). */
  source: string;
  /** Write the valid rows and put the rejects in a reject file, instead of rejecting the whole batch. */
  allowPartial?: boolean;
  /** Validate and count what would change, then roll back: nothing is stored, archived or published. */
  dryRun?: boolean;
  /** Capture time of prop lines whose feed does not give one. */
  capturedAt?: Date;
  /** Props: the market of a one-market feed whose rows name none (The Odds API's PRA near-close export). */
  stat?: PropStat;
  onProgress?: (progress: ImportProgress) => void;
}

/** Rows of a batch by fate. */
export interface ReportRows {
  /** Data records in the input. */
  total: number;
  /** Valid rows written (inserted + updated + unchanged). */
  accepted: number;
  /** Rows with at least one problem. */
  rejected: number;
  /** Valid rows outside Propcast's scope (All-Star games, exhibitions, unsupported markets). */
  skipped: number;
  /** Identical duplicates collapsed into their first occurrence. */
  collapsed: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** What happened to a batch: returned by the use case, printed by the CLI, answered by the HTTP API. */
export interface ImportReport {
  batchId: string;
  kind: IngestKind;
  status: IngestStatus;
  dryRun: boolean;
  /** One line a person can read: what happened and why. */
  message: string;
  source: string;
  format: string;
  sha256: string;
  /** The ACCEPTED batch that already imported these exact bytes (status DUPLICATE). */
  duplicateOf: string | null;
  rows: ReportRows;
  /** Every problem counted; `problems` lists the first 100 as {row, field, message}. */
  problemCount: number;
  problems: RowProblem[];
  /** `row N, field F: what is wrong` for each listed problem. */
  errors: string[];
  /** Outliers, skipped rows by reason, corrections and other facts worth a look (ingest_batches.flags). */
  flags: Record<string, unknown>;
  gameDates: string[];
  artifactUri: string | null;
  rejectUri: string | null;
  events: { published: number; failed: number };
  durationMs: number;
  rowsPerSecond: number;
}
