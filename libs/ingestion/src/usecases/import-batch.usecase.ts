import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Pool, PoolClient } from 'pg';
import type { EventEnvelope } from '@propcast/contracts';
import type { ArtifactRef, ArtifactStore } from '@propcast/artifact-store';
import { withPgTransactionDecided } from '@propcast/db';
import { counter, histogram } from '@propcast/observability';
import { archiveRaw, rawArtifactKey, rejectsArtifactKey, writeRejects, type BatchRecord, type IngestStatus, type RejectedRow } from '../audit/batch-audit';
import { ingestionCompletedEvents, NO_EVENTS, releaseEvents, type EventOutbox } from '../events/ingestion-events';
import { checkInflatedSize, DEFAULT_INPUT_LIMITS, type InputLimits } from '../input/input-limits';
import { sha256Of } from '../input/raw-input';
import { openTable, UnreadableInputError } from '../input/table';
import { formatProblem, MAX_LISTED_PROBLEMS, ProblemCollector } from '../validation/problems';
import { SkippedRows } from '../validation/skipped-rows';
import { seedTeams } from '../writers/teams.writer';
import type { RowCounts, WriteResult } from '../writers/write-result';
import type { IngestionRepositories } from '../composition/ingestion-repositories';
import { boxScoresKind } from './box-scores.kind';
import type { ImportBatchCommand, ImportReport } from './import-batch.command';
import type { BatchContext, IngestKind, IngestKindHandler, StreamingLoad } from './ingest-kind';
import { availabilityKind } from './availability.kind';
import { gameLinesKind } from './game-lines.kind';
import { propsKind } from './props.kind';
import { scheduleKind } from './schedule.kind';

/** What the import needs from the outside: Postgres, the artifact store for raw batches and rejects, the event outbox. */
export interface ImportBatchDeps {
  pool: Pool;
  artifacts: ArtifactStore;
  events: EventOutbox;
  /** The repositories (createIngestionRepositories() in every composition root). */
  repositories: Pick<IngestionRepositories, 'lock' | 'audit' | 'games' | 'players' | 'boxScoreAvailability'>;
  /** How far an input may inflate, and its longest line (DEFAULT_INPUT_LIMITS when not given). */
  limits?: InputLimits;
  now?: () => Date;
}

type AnyHandler = IngestKindHandler<{ row: number }, { row: number }>;

/** The handler of each kind. */
export const INGEST_KINDS: Record<IngestKind, AnyHandler> = {
  BOX_SCORES: boxScoresKind as unknown as AnyHandler,
  SCHEDULE: scheduleKind as unknown as AnyHandler,
  PROPS: propsKind as unknown as AnyHandler,
  GAME_LINES: gameLinesKind as unknown as AnyHandler,
  AVAILABILITY: availabilityKind as unknown as AnyHandler,
};

const batchesTotal = counter('propcast_ingest_batches_total', 'Ingestion batches by kind and final status', ['kind', 'status']);
const rowsTotal = counter('propcast_ingest_rows_total', 'Ingested rows by kind and outcome (inserted, updated, unchanged, rejected, skipped)', ['kind', 'outcome']);
const batchSeconds = histogram('propcast_ingest_batch_duration_seconds', 'Duration of an import, parse to commit', ['kind'], [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]);

interface Parsed {
  format: string;
  container: string;
  rows: { row: number }[];
  total: number;
  /** Raw values of the records rejected while parsing, by row. */
  rejected: Map<number, Record<string, unknown>>;
  problems: ProblemCollector;
  skipped: SkippedRows;
}

/** One execution: the command and everything learned about its batch so far. */
interface BatchRun {
  cmd: ImportBatchCommand;
  handler: AnyHandler;
  ctx: BatchContext;
  sha256: string;
  t0: number;
  parsed: Parsed;
  archive?: Promise<Settled<ArtifactRef>>;
}

interface Outcome {
  status: IngestStatus;
  collapsed: number;
  accepted: number;
  written?: WriteResult;
  /** ingestion.completed events written in the batch's transaction. */
  events?: EventEnvelope[];
  flags: Record<string, unknown>;
  duplicateOf?: { id: string; artifactUri: string };
  artifact?: ArtifactRef;
  rejectUri?: string;
}

/**
 * Imports one batch (a file or an HTTP body) of box scores, schedule, prop lines, game lines or availability reports: parse and validate every row,
 * check it against the database, then write it in ONE transaction (so a rejected or failed batch leaves the database
 * as it was), keep the raw bytes and an ingest_batches row, and write one ingestion.completed per changed game date
 * to the outbox in that transaction (published after the commit, retried until the bus acknowledges).
 */
export class ImportBatchUseCase {
  constructor(private readonly deps: ImportBatchDeps) {}

  /**
   * Runs the import and reports what happened; throws on infrastructure failures (database, artifact store) and
   * InputTooLargeError for an input past the limits (a gzip bomb: refused before any parsing, nothing recorded).
   */
  async execute(cmd: ImportBatchCommand): Promise<ImportReport> {
    const limits = this.deps.limits ?? DEFAULT_INPUT_LIMITS;
    await checkInflatedSize(cmd.input.bytes, limits.maxInflatedBytes);
    const handler = INGEST_KINDS[cmd.kind];
    const startedAt = this.now();
    const t0 = performance.now();
    const batchId = newBatchId(startedAt);
    const sha256 = sha256Of(cmd.input.bytes);
    const ctx: BatchContext = { batchId, now: startedAt, capturedAt: cmd.capturedAt, reportedAt: cmd.reportedAt, repositories: this.deps.repositories };

    const earlier = cmd.dryRun ? null : await this.deps.repositories.audit.findAccepted(this.deps.pool, sha256, cmd.kind);
    if (earlier) return this.duplicate(cmd, batchId, sha256, earlier, startedAt, t0);

    const run: BatchRun = { cmd, handler, ctx, sha256, t0, parsed: emptyParsed() };
    let outcome: Outcome;
    try {
      outcome = await withPgTransactionDecided(this.deps.pool, (client) => this.apply(client, run));
    } catch (err) {
      await this.discardArchive(run);
      throw err;
    }
    const parsed = run.parsed;
    if (outcome.duplicateOf) {
      await this.discardArchive(run);
      return this.duplicate(cmd, batchId, sha256, outcome.duplicateOf, startedAt, t0);
    }
    if (outcome.status === 'REJECTED' && run.archive) {
      // A rejected input is kept for diagnosis up to a cap (and until `propcast gc` purges it after its retention).
      if (cmd.input.bytes.length > limits.maxRejectedRawBytes) {
        await this.discardArchive(run);
        outcome.flags = { ...outcome.flags, rawNotKept: `${cmd.input.bytes.length} bytes, more than INGEST_REJECTED_RAW_MAX_BYTES (${limits.maxRejectedRawBytes})` };
      } else outcome.artifact = await unwrap(run.archive);
    }

    const report = buildReport(run, outcome);
    if (outcome.status === 'REJECTED' && !cmd.dryRun) await this.deps.repositories.audit.insert(this.deps.pool, batchRecord(report, cmd.actor, startedAt, this.now()));
    if (!cmd.dryRun && outcome.written && (outcome.status === 'ACCEPTED' || outcome.status === 'PARTIAL')) {
      // Only a batch that changed rows needs its commit known (re-imports of unchanged rows announce nothing).
      if (outcome.written.counts.inserted + outcome.written.counts.updated > 0) await this.deps.repositories.audit.markCommitted(this.deps.pool, batchId);
      report.events = await releaseEvents(this.deps.events, outcome.events ?? []);
    }
    report.durationMs = Math.round(performance.now() - t0);
    report.rowsPerSecond = report.durationMs > 0 ? Math.round((parsed.total * 1000) / report.durationMs) : 0;
    cmd.onProgress?.({ phase: 'done', rows: parsed.total, fraction: 1 });
    this.observe(report);
    return report;
  }

  /**
   * The transactional part: lock, re-check duplicates, parse (streaming rows into the table when the kind can: a big
   * first load), prepare against the database, decide, write, audit. Parsing inside the transaction lets the database
   * work on one chunk while the next is parsed; anything rejected afterwards is rolled back with the rest.
   */
  private async apply(client: PoolClient, run: BatchRun): Promise<{ commit: boolean; value: Outcome }> {
    const { cmd, handler, ctx } = run;
    await this.deps.repositories.lock.lockForTransaction(client);
    const earlier = cmd.dryRun ? null : await this.deps.repositories.audit.findAccepted(client, run.sha256, cmd.kind);
    if (earlier) return { commit: false, value: { status: 'DUPLICATE', collapsed: 0, accepted: 0, flags: {}, duplicateOf: earlier } };

    await seedTeams(client, ctx.now);
    const streaming = (await handler.openStreamingLoad?.(client, ctx)) ?? null;
    try {
      run.parsed = await parse(handler, cmd, streaming, this.deps.limits ?? DEFAULT_INPUT_LIMITS);
    } catch (err) {
      await streaming?.close().catch(() => undefined);
      throw err;
    }
    await streaming?.close();
    const parsed = run.parsed;
    const problems = parsed.problems;
    if (!cmd.dryRun) {
      const key = rawArtifactKey(handler.slug, ctx.now, ctx.batchId, parsed.container);
      run.archive = settle(archiveRaw(this.deps.artifacts, key, cmd.input.bytes, { batchId: ctx.batchId, kind: cmd.kind, source: cmd.source, rawSha256: run.sha256 }));
    }
    if (problems.fileRejected) return { commit: false, value: { status: 'REJECTED', collapsed: 0, accepted: 0, flags: {} } };

    const prepared = await handler.prepare(client, parsed.rows, problems, ctx);
    const { rows: unique, collapsed } = handler.collapse(prepared.rows, problems);
    const valid = problems.total === 0 ? unique : unique.filter((r) => !problems.hasRow(r.row));
    const status: IngestStatus = problems.total === 0 ? 'ACCEPTED' : cmd.allowPartial && valid.length > 0 ? 'PARTIAL' : 'REJECTED';
    const base = { status, collapsed, accepted: 0, flags: prepared.flags };
    if (status === 'REJECTED') return { commit: false, value: base };

    cmd.onProgress?.({ phase: 'write', rows: parsed.total, fraction: 1 });
    const written = streaming ? await streaming.finish(valid, ctx) : await handler.write(client, valid, ctx);
    if (handler.afterWrite) Object.assign(written.details, await handler.afterWrite(client, valid, ctx));
    const outcome: Outcome = { ...base, accepted: valid.length, written };
    if (cmd.dryRun || !run.archive) return { commit: false, value: outcome };

    outcome.artifact = await unwrap(run.archive);
    if (status === 'PARTIAL') {
      outcome.rejectUri = (await writeRejects(this.deps.artifacts, rejectsArtifactKey(ctx.batchId), rejectedRows(parsed))).uri;
    }
    await this.deps.repositories.audit.insert(client, batchRecord(buildReport(run, outcome), cmd.actor, ctx.now, this.now()));
    // In the same transaction: the events exist exactly when the rows do, and the relay delivers them whatever the bus's state now.
    outcome.events = ingestionCompletedEvents(ctx.batchId, cmd.kind, written.byDate);
    await this.deps.events.enqueue(client, outcome.events);
    return { commit: true, value: outcome };
  }

  /** Deletes the raw artifact of a batch that did not commit (failure, or a concurrent duplicate). */
  private async discardArchive(run: BatchRun): Promise<void> {
    const result = await run.archive;
    if (result?.ok) await this.deps.artifacts.delete(result.value.key).catch(() => undefined);
  }

  /** Reports (and records) an input whose exact bytes were already ACCEPTED: nothing is written. */
  private async duplicate(cmd: ImportBatchCommand, batchId: string, sha256: string, earlier: { id: string; artifactUri: string }, startedAt: Date, t0: number): Promise<ImportReport> {
    const report = emptyReport(cmd, batchId, sha256, 'DUPLICATE', `already imported as batch ${earlier.id}; nothing written`, t0);
    report.duplicateOf = earlier.id;
    report.artifactUri = earlier.artifactUri;
    report.flags = { duplicateOf: earlier.id };
    await this.deps.repositories.audit.insert(this.deps.pool, batchRecord(report, cmd.actor, startedAt, this.now()));
    this.observe(report);
    return report;
  }

  private observe(report: ImportReport): void {
    if (report.dryRun) return;
    batchesTotal.inc({ kind: report.kind, status: report.status });
    for (const outcome of ['inserted', 'updated', 'unchanged', 'rejected', 'skipped'] as const) {
      if (report.rows[outcome] > 0) rowsTotal.inc({ kind: report.kind, outcome }, report.rows[outcome]);
    }
    batchSeconds.observe({ kind: report.kind }, report.durationMs / 1000);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}

function emptyParsed(): Parsed {
  return { format: 'unknown', container: 'bin', rows: [], total: 0, rejected: new Map(), problems: new ProblemCollector(), skipped: new SkippedRows() };
}

/** Reads every record of the input through the kind's mapper, collecting problems and skips, and feeding the streaming load if any. */
async function parse(handler: AnyHandler, cmd: ImportBatchCommand, streaming: StreamingLoad<{ row: number }> | null, limits: InputLimits): Promise<Parsed> {
  const parsed = emptyParsed();
  const { problems, skipped } = parsed;
  // A batch that will be rejected whole need not be streamed any further.
  const streams = (): boolean => streaming !== null && (cmd.allowPartial === true || problems.total === 0);
  try {
    const table = await openTable(cmd.input, { dialects: handler.dialects, preferColumns: handler.scoreColumns, maxLineChars: limits.maxLineChars });
    parsed.format = table.format;
    parsed.container = table.format.split(/[.:]/)[0];
    const mapper = handler.mapper(table.columns, problems, skipped, { stat: cmd.stat });
    const missing = mapper.missingColumns();
    for (const column of missing) problems.add(0, column, `column is missing (found: ${table.columns.filter(Boolean).join(', ') || 'none'})`);
    await table.forEach(
      (record) => {
        parsed.total++;
        if (missing.length) return;
        const row = mapper.map(record);
        if (row) {
          parsed.rows.push(row);
          if (streams()) streaming?.push(row);
        } else if (problems.hasRow(record.row)) parsed.rejected.set(record.row, recordObject(table.columns, record.toArray()));
      },
      async () => {
        cmd.onProgress?.({ phase: 'parse', rows: parsed.total, fraction: table.progress() });
        await streaming?.drain();
      },
    );
    if (parsed.total === 0 && !problems.fileRejected) problems.add(0, 'rows', 'the input has no data rows');
  } catch (err) {
    if (!(err instanceof UnreadableInputError)) throw err;
    problems.add(err.row, 'file', err.message);
    if (err.row > 0) problems.add(0, 'file', 'the input cannot be read past this row');
  }
  return parsed;
}

function recordObject(columns: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  columns.forEach((c, i) => {
    if (values[i] !== undefined) out[c || `column${i + 1}`] = values[i];
  });
  return out;
}

/** The rejected rows with their problems: raw values for rows rejected while parsing, normalised values for later ones. */
function rejectedRows(parsed: Parsed): RejectedRow[] {
  const problems = parsed.problems;
  const later = new Map(parsed.rows.filter((r) => problems.hasRow(r.row)).map((r) => [r.row, r as unknown as Record<string, unknown>]));
  return problems
    .rows()
    .filter((row) => row > 0)
    .map((row) => ({
      row,
      problems: problems.forRow(row).map((p) => ({ field: p.field, message: p.message })),
      record: parsed.rejected.get(row) ?? later.get(row) ?? {},
    }));
}

function flagsOf(outcome: Outcome, skipped: SkippedRows): Record<string, unknown> {
  const flags: Record<string, unknown> = { ...outcome.flags };
  for (const [key, value] of Object.entries(outcome.written?.details ?? {})) {
    flags[key] = Array.isArray(value) ? { total: value.length, [key]: value.slice(0, MAX_LISTED_PROBLEMS) } : value;
  }
  if (skipped.total > 0) flags['skipped'] = { total: skipped.total, byReason: skipped.byReason() };
  if (outcome.collapsed > 0) flags['duplicatesCollapsed'] = outcome.collapsed;
  return flags;
}

function emptyReport(cmd: ImportBatchCommand, batchId: string, sha256: string, status: IngestStatus, message: string, t0: number): ImportReport {
  return {
    batchId,
    kind: cmd.kind,
    status,
    dryRun: !!cmd.dryRun,
    message,
    source: cmd.source,
    format: 'unknown',
    sha256,
    duplicateOf: null,
    rows: { total: 0, accepted: 0, rejected: 0, skipped: 0, collapsed: 0, inserted: 0, updated: 0, unchanged: 0 },
    problemCount: 0,
    problems: [],
    errors: [],
    flags: {},
    gameDates: [],
    artifactUri: null,
    rejectUri: null,
    events: { ...NO_EVENTS },
    durationMs: Math.round(performance.now() - t0),
    rowsPerSecond: 0,
  };
}

function buildReport(run: BatchRun, outcome: Outcome): ImportReport {
  const { parsed } = run;
  const problems = parsed.problems;
  const counts: RowCounts = outcome.written?.counts ?? { inserted: 0, updated: 0, unchanged: 0 };
  const listed = problems.list();
  const report = emptyReport(run.cmd, run.ctx.batchId, run.sha256, outcome.status, '', run.t0);
  report.format = parsed.format;
  report.rows = {
    total: parsed.total,
    accepted: outcome.accepted,
    rejected: problems.rows().filter((r) => r > 0).length,
    skipped: parsed.skipped.total,
    collapsed: outcome.collapsed,
    ...counts,
  };
  report.problemCount = problems.total;
  report.problems = listed;
  report.errors = listed.map(formatProblem);
  report.flags = flagsOf(outcome, parsed.skipped);
  report.gameDates = [...(outcome.written?.byDate.keys() ?? [])].sort();
  report.artifactUri = outcome.artifact?.uri ?? null;
  report.rejectUri = outcome.rejectUri ?? null;
  report.message = describe(report);
  return report;
}

function describe(r: ImportReport): string {
  const prefix = r.dryRun ? 'dry run, nothing stored: ' : '';
  const changes = `${r.rows.inserted} new, ${r.rows.updated} updated, ${r.rows.unchanged} unchanged`;
  const dates = `${r.gameDates.length} game date${r.gameDates.length === 1 ? '' : 's'}`;
  switch (r.status) {
    case 'REJECTED':
      return `${prefix}rejected, nothing written: ${r.problemCount} problem${r.problemCount === 1 ? '' : 's'} in ${Math.max(r.rows.rejected, 1)} row${r.rows.rejected === 1 ? '' : 's'}; first: ${r.errors[0]}`;
    case 'PARTIAL':
      return `${prefix}partially imported: ${r.rows.accepted} valid rows written (${changes}) for ${dates}; ${r.rows.rejected} rows rejected${r.rejectUri ? ` (reasons in ${r.rejectUri})` : ''}`;
    default:
      return r.rows.inserted + r.rows.updated === 0 && r.rows.accepted > 0
        ? `${prefix}imported ${r.rows.accepted} rows: all unchanged, nothing written`
        : `${prefix}imported ${r.rows.accepted} rows (${changes}) for ${dates}`;
  }
}

function batchRecord(report: ImportReport, actor: string | undefined, createdAt: Date, finishedAt: Date): BatchRecord {
  return {
    id: report.batchId,
    actor: actor ?? null,
    kind: report.kind,
    source: report.source,
    format: report.format,
    sha256: report.sha256,
    artifactUri: report.artifactUri ?? '',
    status: report.status,
    rowsTotal: report.rows.total,
    rowsAccepted: report.rows.accepted,
    rowsRejected: report.rows.rejected,
    rowsInserted: report.rows.inserted,
    rowsUpdated: report.rows.updated,
    rowsUnchanged: report.rows.unchanged,
    errors: report.problemCount > 0 ? { total: report.problemCount, problems: report.problems } : null,
    flags: Object.keys(report.flags).length ? report.flags : null,
    gameDates: report.gameDates,
    rejectUri: report.rejectUri,
    createdAt,
    finishedAt,
  };
}

/** `ib-20250115-101530-3f9a1c`: sortable by creation time, unique by its random tail. */
function newBatchId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `ib-${stamp}-${randomBytes(3).toString('hex')}`;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Runs a promise in the background without unhandled rejections; unwrap() it where its result is needed. */
function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

async function unwrap<T>(settled: Promise<Settled<T>>): Promise<T> {
  const result = await settled;
  if (!result.ok) throw result.error;
  return result.value;
}
