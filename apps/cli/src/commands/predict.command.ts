import type { Command } from 'commander';
import { ALL_STATS, type StatType } from '@propcast/contracts';
import { ProgressReporter } from '@propcast/observability';
import type { BatchStatus } from '@propcast/prediction-serving';

interface ApiOptions {
  url: string;
  apiKey?: string;
}

interface StartOptions extends ApiOptions {
  date: string;
  stats?: string;
  players?: string;
  force?: boolean;
  wait?: boolean;
}

interface StatusOptions extends ApiOptions {
  watch?: boolean;
  intervalMs: string;
}

// The coordinator's terminal batch states (TERMINAL_BATCH_STATES): a watch ends on any of them.
const TERMINAL = new Set(['COMPLETED', 'COMPLETED_WITH_FAILURES', 'FAILED', 'EMPTY']);

/** Calls the coordinator's HTTP API; a non-2xx answer becomes an Error carrying the server's message. */
async function call<T>(opts: ApiOptions, path: string, init: RequestInit = {}): Promise<T> {
  const headers = { 'content-type': 'application/json', ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}) };
  let res: Response;
  try {
    res = await fetch(new URL(path, opts.url), { ...init, headers });
  } catch (err) {
    throw new Error(`cannot reach the prediction coordinator at ${opts.url}: ${(err as Error).message}`);
  }
  const body = (await res.json().catch(() => ({}))) as T & { message?: string | string[] };
  if (!res.ok) throw new Error(`coordinator answered ${res.status}: ${[body.message ?? res.statusText].flat().join('; ')}`);
  return body;
}

function parseStats(value: string | undefined): StatType[] | undefined {
  if (!value) return undefined;
  const stats = value.split(',').map((s) => s.trim().toUpperCase());
  const unknown = stats.filter((s) => !(ALL_STATS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`unknown stat(s) ${unknown.join(', ')}; expected ${ALL_STATS.join(', ')}`);
  return stats as StatType[];
}

function parsePlayers(value: string | undefined): number[] | undefined {
  if (!value) return undefined;
  const ids = value.split(',').map((s) => Number(s.trim()));
  if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) throw new Error(`--players must be comma-separated player ids, got "${value}"`);
  return ids;
}

/** Prints a batch's status as a few aligned lines. */
function printStatus(s: BatchStatus): void {
  const lines = [
    `batch ${s.batchId} (${s.gameDate}, attempt ${s.attempt}, ${s.trigger}): ${s.state}, ${s.progressPercent}%`,
    `  requested ${s.requested}, completed ${s.completed}, failed ${s.failed}`,
    `  started ${s.startedAt ?? '-'}, finished ${s.finishedAt ?? '-'}, predictions.ready ${s.readyPublishedAt ?? '-'}`,
    ...s.perStat.map((p) => `  ${p.stat.padEnd(9)} ${String(p.completed).padStart(6)} / ${String(p.requested).padEnd(6)} failed ${p.failed}, jobs queued ${p.jobsQueued}/${p.jobs}`),
    ...s.modelVersions.map((m) => `  model ${m.modelId} (${m.stat} v${m.version}, ${m.role}): ${m.predictions} predictions`),
    ...s.failures.map((f) => `  failed ${f.stat} x${f.count}: ${f.reason}`),
  ];
  console.log(lines.join('\n'));
}

/** Polls the status with a progress bar until the batch ends (COMPLETED, COMPLETED_WITH_FAILURES, FAILED or EMPTY); returns the last status. */
async function follow(opts: ApiOptions, batchId: string, intervalMs: number): Promise<BatchStatus> {
  let status = await call<BatchStatus>(opts, `/status/${encodeURIComponent(batchId)}`);
  const bar = new ProgressReporter(`batch ${batchId}`, Math.max(status.requested, 1), { unit: 'requests' });
  while (!TERMINAL.has(status.state)) {
    bar.update(status.completed + status.failed, Math.max(status.requested, 1));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    status = await call<BatchStatus>(opts, `/status/${encodeURIComponent(batchId)}`);
  }
  bar.update(status.completed + status.failed, Math.max(status.requested, 1));
  bar.finish(`batch ${batchId}: ${status.state}`);
  return status;
}

function withApi(command: Command): Command {
  return command
    .option('--url <url>', 'prediction coordinator base URL', process.env.COORDINATOR_URL ?? 'http://127.0.0.1:3004')
    .option('--api-key <key>', 'API key (default: PROPCAST_API_KEY); a read key is enough for status', process.env.PROPCAST_API_KEY);
}

/** `propcast predict start|status`: starts a date's prediction batch and follows it through the coordinator's API. */
export function register(program: Command): void {
  const predict = program.command('predict').description('prediction batches: start one for a game date, follow its progress');

  withApi(predict.command('start'))
    .description("start the date's prediction batch (returns the existing one unless --force)")
    .requiredOption('--date <date>', 'game date, YYYY-MM-DD')
    .option('--stats <list>', `comma-separated stats (default: ${ALL_STATS.join(',')})`)
    .option('--players <ids>', 'comma-separated player ids (default: the whole slate)')
    .option('--force', 'start a new attempt even if the date has a batch')
    .option('--wait', 'follow the batch with a progress bar until it finishes')
    .action(async (opts: StartOptions) => {
      const body = { gameDate: opts.date, stats: parseStats(opts.stats), playerIds: parsePlayers(opts.players), force: opts.force };
      const started = await call<{ batchId: string; created: boolean; requested: number; state: string }>(opts, '/start', { method: 'POST', body: JSON.stringify(body) });
      console.log(`${started.created ? 'started' : 'existing'} batch ${started.batchId}: ${started.state}, ${started.requested} requests`);
      if (opts.wait) printStatus(await follow(opts, started.batchId, 1000));
    });

  withApi(predict.command('status'))
    .description("a batch's progress: counts, per stat, failures with reasons, model versions (a progress bar with --watch)")
    .argument('<batchId>', 'batch id (as printed by `propcast predict start`)')
    .option('--watch', 'follow the batch with a progress bar until it finishes')
    .option('--interval-ms <ms>', 'polling interval of --watch', '1000')
    .action(async (batchId: string, opts: StatusOptions) => {
      printStatus(opts.watch ? await follow(opts, batchId, Number(opts.intervalMs)) : await call<BatchStatus>(opts, `/status/${encodeURIComponent(batchId)}`));
    });
}
