import { easternDate } from '@propcast/ingestion';
import { UpstreamError } from '../http/collector-errors';
import type { UpstreamClient } from '../http/upstream-client';
import type { SnapshotPublisher } from '../ingest/snapshot-publisher';
import type { Clock } from '../runtime/clock';
import type { CollectorLog } from '../runtime/collector-log';
import type { CollectorStateRepository } from '../state/collector-state.repository';
import { rawSnapshot } from '../state/snapshot';
import { CollectorRun } from '../runtime/collector-run';

export const AVAILABILITY_COLLECTOR = 'availability';

/** What an availability run did. */
export interface AvailabilityRunReport {
  url: string;
  /** True when the report's bytes were new (a report already collected is not posted again). */
  changed: boolean;
  published: boolean;
  rows: number;
  reportedAt: string | null;
  posted: number;
  acceptedRows: number;
  /** Snapshots ingestion had already stored (a re-post after a restart). */
  duplicates: number;
  /** Rows ingestion left out of partial batches (unknown players...). */
  rejectedRows: number;
  errors: string[];
}

/** The report URL for a date: `{date}` becomes YYYY-MM-DD (US Eastern). */
export function availabilityReportUrl(template: string, date: string): string {
  return template.replaceAll('{date}', date);
}

/**
 * Fetches the injury report in its CSV form (Game Date, Game Time, Matchup, Team, Player Name, Current Status, Reason)
 * from a configurable URL and posts it to POST /ingest/availability when its bytes changed. The report time is the
 * answer's Last-Modified header when it has one, else the fetch time. A 404 means "not published yet": no error.
 */
export class CollectAvailabilityUseCase {
  /** Posting to ingestion and the run status, shared by the collectors. */
  private readonly collectorRun: CollectorRun;

  constructor(
    private readonly http: UpstreamClient,
    private readonly state: CollectorStateRepository,
    private readonly publisher: SnapshotPublisher,
    private readonly clock: Clock,
    private readonly options: { urlTemplate: string },
    private readonly log?: CollectorLog,
  ) {
    this.collectorRun = new CollectorRun(AVAILABILITY_COLLECTOR, publisher, state, clock);
  }

  async execute(): Promise<AvailabilityRunReport> {
    const url = availabilityReportUrl(this.options.urlTemplate, easternDate(this.clock.now()));
    const report: AvailabilityRunReport = { url, changed: false, published: false, rows: 0, reportedAt: null, posted: 0, acceptedRows: 0, duplicates: 0, rejectedRows: 0, errors: [] };
    try {
      await this.publish(report);
      const fetched = await this.fetch(url);
      if (fetched) {
        const capturedAt = this.clock.now();
        const modified = fetched.headers.get('last-modified');
        const reportedAt = modified && !Number.isNaN(Date.parse(modified)) && Date.parse(modified) <= capturedAt.getTime() ? new Date(modified) : capturedAt;
        const lines = fetched.body
          .toString('utf8')
          .split(/\r?\n/)
          .filter((l) => l.trim().length > 0);
        report.rows = Math.max(0, lines.length - 1);
        report.reportedAt = reportedAt.toISOString();
        // The same report bytes are one report, whenever they are fetched.
        const snapshot = rawSnapshot({
          id: (sha256) => `availability:${sha256}`,
          collector: AVAILABILITY_COLLECTOR,
          kind: 'AVAILABILITY',
          capturedAt,
          sourceUrl: url,
          query: `allowPartial=true&reportedAt=${encodeURIComponent(reportedAt.toISOString())}`,
          body: fetched.body,
          contentType: 'text/csv',
          rows: report.rows,
        });
        report.changed = report.rows > 0 && (await this.state.storeSnapshot(snapshot));
        if (report.changed) this.log?.log(`availability: new report (${report.rows} rows, reported at ${report.reportedAt}) from ${url}`);
        await this.publish(report);
        report.published = report.changed;
      }
    } catch (err) {
      report.errors.push((err as Error).message);
    }
    await this.collectorRun.record(report);
    return report;
  }

  private async fetch(url: string) {
    try {
      return await this.http.get(url);
    } catch (err) {
      if (err instanceof UpstreamError && err.status === 404) {
        this.log?.log(`availability: no report at ${url} yet`);
        return null;
      }
      throw err;
    }
  }

  private async publish(report: AvailabilityRunReport): Promise<void> {
    await this.collectorRun.publishPending(report);
  }
}
