import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { openIngestion, statOfMarket, type ImportReport, type IngestKind, type PropStat } from '@propcast/ingestion';
import { ProgressReporter } from '@propcast/observability';

const KINDS: Record<string, IngestKind> = { 'box-scores': 'BOX_SCORES', schedule: 'SCHEDULE', props: 'PROPS', 'game-lines': 'GAME_LINES', availability: 'AVAILABILITY' };

/** Exit codes of `propcast ingest` (the worst file decides): 0 accepted or duplicate, 2 rejected, 3 partial, 1 error. */
export const EXIT = { ok: 0, error: 1, rejected: 2, partial: 3 } as const;

interface IngestOptions {
  api?: string;
  apiKey?: string;
  allowPartial?: boolean;
  dryRun?: boolean;
  json?: boolean;
  capturedAt?: Date;
  reportedAt?: Date;
  stat?: PropStat;
  quiet?: boolean;
}

function parseInstant(value: string): Date {
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(at.getTime())) throw new InvalidArgumentError('expected an ISO-8601 date-time, e.g. 2024-12-21T18:00:00Z');
  return at;
}

function parseStat(value: string): PropStat {
  const stat = statOfMarket(value);
  if (!stat) throw new InvalidArgumentError('expected a market Propcast predicts: POINTS, REBOUNDS, ASSISTS, THREES or PRA');
  return stat;
}

/** Exit code of one report. */
export function exitCodeOf(report: Pick<ImportReport, 'status'>): number {
  return report.status === 'REJECTED' ? EXIT.rejected : report.status === 'PARTIAL' ? EXIT.partial : EXIT.ok;
}

/** The exit code of several outcomes: error beats rejected beats partial beats ok. */
function worst(codes: number[]): number {
  for (const code of [EXIT.error, EXIT.rejected, EXIT.partial]) if (codes.includes(code)) return code;
  return EXIT.ok;
}

/** What a person reads after a file: the outcome, then the problems (first 100) and where the rejects went. */
function describe(file: string, r: ImportReport): string {
  const lines = [`${file}: ${r.status}${r.dryRun ? ' (dry run)' : ''} batch ${r.batchId}: ${r.message}`];
  for (const e of r.errors) lines.push(`  ${e}`);
  if (r.problemCount > r.errors.length) lines.push(`  ... and ${r.problemCount - r.errors.length} more problems`);
  const outliers = r.flags['outliers'] as { total?: number } | undefined;
  if (outliers?.total) lines.push(`  ${outliers.total} outlier value(s) flagged (accepted): see ingest_batches.flags of ${r.batchId}`);
  const namesakes = r.flags['possibleDuplicatePlayers'] as { total?: number; possibleDuplicatePlayers?: { name: string; newId: number; otherIds: number[] }[] } | undefined;
  for (const p of namesakes?.possibleDuplicatePlayers ?? []) {
    lines.push(`  new player ${p.newId} "${p.name}" has the name of stored player(s) ${p.otherIds.join(', ')}: a namesake, or the same player under a mistyped id (accepted)`);
  }
  if ((namesakes?.total ?? 0) > (namesakes?.possibleDuplicatePlayers?.length ?? 0)) lines.push(`  ... ${namesakes?.total} such players in all: see ingest_batches.flags of ${r.batchId}`);
  if (r.rejectUri) lines.push(`  rejected rows with reasons: ${r.rejectUri}`);
  return lines.join('\n');
}

/** Imports one file in-process, with a progress bar of rows/s (the total is estimated from the bytes read). */
async function importLocally(useCase: ReturnType<typeof openIngestion>['useCase'], kind: IngestKind, file: string, opts: IngestOptions): Promise<ImportReport> {
  const bytes = await readFile(file);
  const progress = new ProgressReporter(`ingest ${basename(file)}`, 0, { unit: 'rows', quiet: opts.quiet });
  try {
    return await useCase.execute({
      kind,
      input: { bytes, fileName: basename(file) },
      source: basename(file),
      allowPartial: opts.allowPartial,
      dryRun: opts.dryRun,
      capturedAt: opts.capturedAt,
      reportedAt: opts.reportedAt,
      stat: opts.stat,
      onProgress: (p) => progress.update(p.rows, p.fraction > 0 ? Math.max(p.rows, Math.round(p.rows / p.fraction)) : p.rows),
    });
  } finally {
    progress.finish();
  }
}

/** Sends one file to a running ingestion service as a multipart upload; its JSON report comes back. */
async function importThroughApi(api: string, kind: IngestKind, file: string, opts: IngestOptions): Promise<ImportReport> {
  const slug = Object.keys(KINDS).find((k) => KINDS[k] === kind) as string;
  const url = new URL(`ingest/${slug}`, api.endsWith('/') ? api : `${api}/`);
  if (opts.allowPartial) url.searchParams.set('allowPartial', 'true');
  if (opts.dryRun) url.searchParams.set('dryRun', 'true');
  if (opts.capturedAt) url.searchParams.set('capturedAt', opts.capturedAt.toISOString());
  if (opts.reportedAt) url.searchParams.set('reportedAt', opts.reportedAt.toISOString());
  if (opts.stat) url.searchParams.set('stat', opts.stat);
  const form = new FormData();
  form.append('file', new Blob([await readFile(file)]), basename(file));
  const res = await fetch(url, { method: 'POST', body: form, headers: opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {} });
  // Reports come back as the body (200, 201, 207) or, for a rejected import, as the details of the error body (422).
  const body = (await res.json().catch(() => ({}))) as ImportReport & { message?: string; details?: ImportReport };
  const report = res.status === 422 ? body.details : body;
  if (![200, 201, 207, 422].includes(res.status) || !report?.status) throw new Error(`${url.href} answered ${res.status}: ${body.message ?? res.statusText}`);
  return report;
}

/** `propcast ingest <kind> <files...>`: imports box scores, schedules or prop lines; one batch per file. */
export function register(program: Command): void {
  program
    .command('ingest')
    .description(
      'import box scores, schedules or prop lines (CSV, CSV.gz, JSON, NDJSON), one batch per file, in-process against DATABASE_URL ' +
        'or through a running service with --api. Exit code: 0 accepted or already imported, 2 rejected (nothing written), 3 partial, 1 error.',
    )
    .argument('<kind>', 'box-scores, schedule, props, game-lines or availability', (value) => {
      if (!KINDS[value]) throw new InvalidArgumentError(`expected one of ${Object.keys(KINDS).join(', ')}`);
      return value;
    })
    .argument('<files...>', 'files to import, in order')
    .option('--api <url>', 'send the files to the ingestion service at this URL instead of importing in-process')
    .option('--api-key <key>', 'API key of API_KEYS for --api (default: PROPCAST_API_KEY)', process.env.PROPCAST_API_KEY)
    .option('--allow-partial', 'write the valid rows; rejected rows go to rejects/<batch>.ndjson.gz with their reasons')
    .option('--dry-run', 'validate and count what would change; store nothing')
    .option('--json', 'print the reports as a JSON array on stdout (machine-readable)')
    .option('--captured-at <instant>', 'props: capture time of lines whose rows have none (ISO-8601)', parseInstant)
    .option('--reported-at <instant>', 'availability: time of the report whose rows give none (ISO-8601)', parseInstant)
    .option('--stat <stat>', 'props: the market of a one-market feed whose rows name none (e.g. PRA for The Odds API PRA near-close export)', parseStat)
    .option('--quiet', 'no progress bar')
    .action(async (kindName: string, files: string[], opts: IngestOptions) => {
      const kind = KINDS[kindName];
      const local = opts.api ? null : openIngestion();
      const reports: ImportReport[] = [];
      const codes: number[] = [];
      try {
        for (const file of files) {
          try {
            const report = local ? await importLocally(local.useCase, kind, file, { ...opts, quiet: opts.quiet || opts.json }) : await importThroughApi(opts.api as string, kind, file, opts);
            reports.push(report);
            codes.push(exitCodeOf(report));
            if (!opts.json) console.log(describe(file, report));
          } catch (err) {
            codes.push(EXIT.error);
            process.stderr.write(`propcast ingest: ${file}: ${(err as Error).message}\n`);
          }
        }
      } finally {
        await local?.close();
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
      process.exitCode = worst(codes);
    });
}
