import { QuotaExhaustedError } from '../http/collector-errors';
import type { SnapshotPublisher } from '../ingest/snapshot-publisher';
import type { Clock } from '../runtime/clock';
import type { CollectorLog } from '../runtime/collector-log';
import type { CollectorStateRepository } from '../state/collector-state.repository';
import { jsonSnapshot } from '../state/snapshot';
import type { OddsApiClient } from './odds-api.client';
import { gameLineRows, propLineRows } from './odds-rows';
import { isDue, type PollTier } from './poll-schedule';
import { CollectorRun } from '../runtime/collector-run';

export const ODDS_COLLECTOR = 'odds';

/** What one poll did. */
export interface OddsPollReport {
  capturedAt: string;
  events: number;
  due: number;
  polled: string[];
  snapshots: number;
  propRows: number;
  gameLineRows: number;
  posted: number;
  acceptedRows: number;
  /** Snapshots ingestion had already stored (a re-post after a restart). */
  duplicates: number;
  /** Rows ingestion left out of partial batches (unknown players...). */
  rejectedRows: number;
  quotaRemaining: number | null;
  stoppedBy?: string;
  errors: string[];
}

/**
 * One poll of The Odds API: re-posts snapshots a killed run left pending, lists events, and fetches the game lines and
 * the player props of each event that is due (denser near tip-off). Each snapshot is stored with its captured_at and
 * its event's "polled at" cursor in one transaction, then posted through the ingestion API.
 */
export class PollOddsUseCase {
  /** Posting to ingestion and the run status, shared by the collectors. */
  private readonly collectorRun: CollectorRun;

  constructor(
    private readonly odds: OddsApiClient,
    private readonly state: CollectorStateRepository,
    private readonly publisher: SnapshotPublisher,
    private readonly clock: Clock,
    private readonly options: { tiers: readonly PollTier[]; quotaReserve: number },
    private readonly log?: CollectorLog,
  ) {
    this.collectorRun = new CollectorRun(ODDS_COLLECTOR, publisher, state, clock);
  }

  async execute(): Promise<OddsPollReport> {
    const started = this.clock.now();
    const report: OddsPollReport = {
      capturedAt: started.toISOString(),
      events: 0,
      due: 0,
      polled: [],
      snapshots: 0,
      propRows: 0,
      gameLineRows: 0,
      posted: 0,
      acceptedRows: 0,
      duplicates: 0,
      rejectedRows: 0,
      quotaRemaining: null,
      errors: [],
    };
    try {
      await this.publish(report);
      // The events list costs no credit and brings fresh quota headers (the quota renews monthly).
      const { events } = await this.odds.events();
      report.events = events.length;
      const polled = await this.state.cursors(ODDS_COLLECTOR, 'polled:');
      const now = this.clock.now();
      const due = events.filter((e) => isDue(this.options.tiers, new Date(e.commence_time), dateOr(polled.get(`polled:${e.id}`)), now));
      report.due = due.length;
      if (due.length > 0) await this.pollGameLines(report);
      for (const event of due) {
        this.checkQuota(this.odds.quota.remaining, this.odds.propRequestCost);
        const capturedAt = this.clock.now();
        const { url, odds } = await this.odds.eventOdds(event.id);
        const rows = propLineRows(odds, capturedAt);
        const cursor = { collector: ODDS_COLLECTOR, key: `polled:${event.id}`, value: capturedAt.toISOString() };
        if (rows.length > 0) {
          const snapshot = jsonSnapshot({
            id: `odds:props:${event.id}:${capturedAt.toISOString()}`,
            collector: ODDS_COLLECTOR,
            kind: 'PROPS',
            capturedAt,
            sourceUrl: url,
            query: 'allowPartial=true',
            rows,
          });
          await this.state.storeSnapshot(snapshot, [cursor]);
          report.snapshots++;
          report.propRows += rows.length;
        } else await this.state.setCursors([cursor]);
        report.polled.push(event.id);
        this.log?.log(
          `odds: ${event.away_team} @ ${event.home_team} (${event.commence_time}): ${rows.length} prop lines captured at ${capturedAt.toISOString()}; quota left ${this.odds.quota.remaining ?? '?'}`,
        );
        await this.publish(report);
      }
      if (report.errors.length > 0 && !report.stoppedBy) report.stoppedBy = report.errors[0];
    } catch (err) {
      report.stoppedBy = (err as Error).message;
      report.errors.push((err as Error).message);
    }
    report.quotaRemaining = this.odds.quota.remaining ?? (await this.state.quotaRemaining(ODDS_COLLECTOR));
    await this.collectorRun.record(report, { remaining: this.odds.quota.remaining ?? undefined, used: this.odds.quota.used ?? undefined });
    return report;
  }

  private async pollGameLines(report: OddsPollReport): Promise<void> {
    this.checkQuota(this.odds.quota.remaining, this.odds.gameRequestCost);
    const capturedAt = this.clock.now();
    const { url, odds } = await this.odds.gameOdds();
    const rows = gameLineRows(
      odds.filter((e) => new Date(e.commence_time) > capturedAt),
      capturedAt,
    );
    if (rows.length === 0) return;
    await this.state.storeSnapshot(
      jsonSnapshot({ id: `odds:game-lines:${capturedAt.toISOString()}`, collector: ODDS_COLLECTOR, kind: 'GAME_LINES', capturedAt, sourceUrl: url, query: 'allowPartial=true', rows }),
    );
    report.snapshots++;
    report.gameLineRows += rows.length;
  }

  private async publish(report: OddsPollReport): Promise<void> {
    await this.collectorRun.publishPending(report);
  }

  private checkQuota(remaining: number | null, cost: number): void {
    if (remaining !== null && remaining - cost < this.options.quotaReserve) throw new QuotaExhaustedError(remaining, this.options.quotaReserve);
  }
}

function dateOr(value: string | undefined): Date | null {
  return value ? new Date(value) : null;
}
