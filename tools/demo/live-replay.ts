// `npm run demo -- --live`: replays the day's timeline through the ingestion service, accelerated, and prints what
// each event changed: the worker re-prices on line snapshots, the coordinator re-predicts teammates on OUT news.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { isOutBeforeTipoff } from '@propcast/ingestion';
import { americanOdds } from '@propcast/reporting';
import { pollUntil } from './http-client';
import type { LiveReplayRepository, PriceChange, RepredictedProp } from './live-replay.repository';
import { buildLiveTimeline, labelText, tipoffOf, type OutPlayer, type TimelineEvent } from './live-timeline';

export interface LiveReplayOptions {
  day: string;
  /** Simulated seconds per real second. */
  speed: number;
  from?: Date;
  to?: Date;
  movesPerGame?: number;
  /** The longest real wait between two events (a quiet afternoon is not replayed in full), ms. */
  maxGapMs?: number;
  /** How long to wait for an event's effect (re-price, news batch), ms. */
  effectTimeoutMs?: number;
}

/** What the replay did, for the closing summary. */
export interface LiveReplaySummary {
  events: number;
  lineEvents: number;
  reportEvents: number;
  /** Price rows appended by the line events. */
  repriced: number;
  /** Props whose recommendation changed with a new price. */
  recommendationChanges: number;
  newsBatches: number;
  /** Props re-predicted by the news batches. */
  repredicted: number;
  /** Events whose effect did not show within effectTimeoutMs. */
  noEffect: number;
}

/** Posts a CSV to an ingestion endpoint and answers its report. */
export type IngestCsv = (kind: 'props' | 'availability', csv: string) => Promise<{ batchId: string; status: string }>;

/** The day's real out-before-tip-off players (DND / NWT / inactive comments) from its box-score file (CSV.gz). */
export async function readOutPlayers(boxScoreFile: string): Promise<OutPlayer[]> {
  const rl = createInterface({ input: createReadStream(boxScoreFile).pipe(createGunzip()), crlfDelay: Infinity });
  const out: OutPlayer[] = [];
  let col: Record<string, number> | null = null;
  for await (const line of rl) {
    if (!line) continue;
    // The dataset has no quoted commas in these columns (names and comments are plain).
    const cells = line.split(',');
    if (!col) {
      col = Object.fromEntries(cells.map((c, i) => [c, i]));
      continue;
    }
    const comment = cells[col['COMMENT']]?.trim() ?? '';
    if (!isOutBeforeTipoff(cells[col['DNP']] === '1', comment)) continue;
    out.push({ playerId: Number(cells[col['PLAYER_ID']]), playerName: cells[col['PLAYER_NAME']], team: cells[col['TEAM_ABBREVIATION']], gameId: cells[col['GAME_ID']], comment });
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hhmm = (d: Date) => d.toISOString().slice(11, 16);
const price = (p: number | null) => americanOdds(p, '–');

function describePriceChange(c: PriceChange): string {
  const rec = c.before.recommendation === c.after.recommendation ? c.after.recommendation : `${c.before.recommendation} -> ${c.after.recommendation}`;
  const p = c.after.overProbability === null ? '' : `, P(over) ${c.after.overProbability.toFixed(3)}`;
  return `${c.playerName} ${c.stat} [${c.book}]: ${c.before.line ?? '–'} @ ${price(c.before.overPrice)} -> ${c.after.line} @ ${price(c.after.overPrice)}${p}; ${rec} (reason: line moved)`;
}

function describeRepredicted(r: RepredictedProp): string {
  const rec = r.beforeRecommendation === r.afterRecommendation ? r.afterRecommendation : `${r.beforeRecommendation} -> ${r.afterRecommendation}`;
  return `${r.playerName} ${r.stat}: mean ${r.beforeMean.toFixed(2)} -> ${r.afterMean.toFixed(2)}; ${rec}`;
}

/**
 * Builds the day's timeline and replays it in time order through `ingest` (the real ingestion path), sleeping the
 * simulated gaps divided by `speed`; after each event, waits for its effect and prints it.
 */
export async function runLiveReplay(
  repo: LiveReplayRepository,
  ingest: IngestCsv,
  outPlayers: readonly OutPlayer[],
  opts: LiveReplayOptions,
  print: (line: string) => void = console.log,
): Promise<LiveReplaySummary> {
  const games = await repo.slateGames(opts.day);
  if (games.length === 0) {
    // Re-pricing and news only touch games not yet played; a second run finds the day FINAL (its box scores are in).
    print(`live replay of ${opts.day}: no SCHEDULED game (the day's final box scores are already in, e.g. from an earlier run); live mode needs a fresh database or another --day`);
    return { events: 0, lineEvents: 0, reportEvents: 0, repriced: 0, recommendationChanges: 0, newsBatches: 0, repredicted: 0, noEffect: 0 };
  }
  const lines = await repo.openingLines(opts.day, 'proxy'); // ingestion stores book names in lower case
  const events = buildLiveTimeline(opts.day, games, lines, outPlayers, { movesPerGame: opts.movesPerGame, from: opts.from, to: opts.to });
  const assumed = games.filter((g) => tipoffOf(g, opts.day).assumed).length;
  print(
    `live replay of ${opts.day}: ${events.length} events (${events.filter((e) => e.kind === 'lines').length} SIMULATED line moves, ${events.filter((e) => e.kind === 'availability').length} OUT reports from the real box score at made-up times), x${opts.speed}`,
  );
  if (assumed) print(`  ${assumed} of ${games.length} games have no tip-off time in the schedule: 23:00 UTC assumed for their cutoff`);
  const summary: LiveReplaySummary = { events: events.length, lineEvents: 0, reportEvents: 0, repriced: 0, recommendationChanges: 0, newsBatches: 0, repredicted: 0, noEffect: 0 };
  let clock = events[0]?.at.getTime() ?? 0;
  for (const event of events) {
    const gap = Math.min((event.at.getTime() - clock) / opts.speed, opts.maxGapMs ?? 5000);
    if (gap > 0) await sleep(gap);
    clock = event.at.getTime();
    const report = await ingest(event.kind === 'lines' ? 'props' : 'availability', event.csv);
    print(`\n${hhmm(event.at)} UTC  ${event.kind === 'lines' ? 'LINE' : 'NEWS'}  game ${event.gameId}  [${labelText(event.label)}]`);
    print(`  arrived: ${event.what}  (ingest batch ${report.batchId.slice(0, 8)} ${report.status})`);
    if (event.kind === 'lines') await showReprice(repo, event, report.batchId, opts, summary, print);
    else await showNews(repo, report.batchId, opts, summary, print);
  }
  print(
    `\nlive summary: ${summary.events} events (${summary.lineEvents} line, ${summary.reportEvents} availability); ${summary.repriced} re-prices ` +
      `(${summary.recommendationChanges} recommendation changes); ${summary.newsBatches} news batches re-predicting ${summary.repredicted} props` +
      (summary.noEffect ? `; ${summary.noEffect} events showed no effect in time` : ''),
  );
  return summary;
}

async function showReprice(repo: LiveReplayRepository, _event: TimelineEvent, batchId: string, opts: LiveReplayOptions, summary: LiveReplaySummary, print: (line: string) => void): Promise<void> {
  summary.lineEvents++;
  const changes = await pollUntil(
    async () => {
      const rows = await repo.priceChanges(batchId);
      return rows.length > 0 ? rows : undefined;
    },
    { timeoutMs: opts.effectTimeoutMs ?? 30_000, everyMs: 250, what: `the re-price of batch ${batchId}` },
  ).catch(() => [] as PriceChange[]);
  if (changes.length === 0) {
    summary.noEffect++;
    print('  no re-price (no prediction of this prop, or the same price)');
    return;
  }
  summary.repriced += changes.length;
  summary.recommendationChanges += changes.filter((c) => c.before.recommendation !== c.after.recommendation).length;
  for (const c of changes) print(`  re-priced: ${describePriceChange(c)}`);
}

async function showNews(repo: LiveReplayRepository, batchId: string, opts: LiveReplayOptions, summary: LiveReplaySummary, print: (line: string) => void): Promise<void> {
  summary.reportEvents++;
  const done = await pollUntil(
    async () => {
      const news = await repo.news(batchId);
      return news?.predictionBatchId && (news.readyPublishedAt || news.batchState === 'FAILED') ? news : undefined;
    },
    { timeoutMs: opts.effectTimeoutMs ?? 60_000, everyMs: 500, what: `the news batch of ${batchId}` },
  ).catch(() => null);
  if (!done?.predictionBatchId) {
    summary.noEffect++;
    const news = await repo.news(batchId);
    print(news ? `  news recorded for ${news.playerIds.length} players; no re-prediction finished in time` : '  no news (the status was already known, or no predicted teammate)');
    return;
  }
  summary.newsBatches++;
  const props = await repo.repredicted(done.predictionBatchId);
  summary.repredicted += props.length;
  const changedRec = props.filter((p) => p.beforeRecommendation !== p.afterRecommendation);
  print(
    `  news batch ${done.predictionBatchId.slice(0, 8)} ${done.batchState}: ${done.playerIds.length} teammates, ${props.length} props re-predicted, ${changedRec.length} recommendation changes (reason: teammate OUT)`,
  );
  for (const p of [...changedRec, ...props.filter((x) => x.beforeRecommendation === x.afterRecommendation)].slice(0, 5)) print(`    ${describeRepredicted(p)}`);
}
