import { createHash } from 'node:crypto';
import { GameDate } from '@propcast/common';
import { easternDate } from '@propcast/ingestion';
import type { SnapshotPublisher } from '../ingest/snapshot-publisher';
import type { Clock } from '../runtime/clock';
import type { CollectorLog } from '../runtime/collector-log';
import type { CollectorStateRepository } from '../state/collector-state.repository';
import { jsonSnapshot, rawSnapshot } from '../state/snapshot';
import type { NbaStatsClient } from './nba-stats.client';
import { GAME_FINAL, gameFinderScheduleRows, scoreboardScheduleRows, type ScheduleGameRow } from './schedule-rows';
import { CollectorRun } from '../runtime/collector-run';

export const GAMES_COLLECTOR = 'games';
/** Cursor: the last date whose games were all final and their box scores collected. */
export const DAILY_CURSOR = 'daily:done-through';

/** What a games run did. */
export interface GamesRunReport {
  mode: 'daily' | 'backfill';
  dates: string[];
  games: number;
  schedulesPosted: number;
  boxScoresCollected: number;
  posted: number;
  acceptedRows: number;
  /** Snapshots ingestion had already stored (a re-post after a restart). */
  duplicates: number;
  /** Rows ingestion left out of partial batches (unknown players...). */
  rejectedRows: number;
  doneThrough: string | null;
  errors: string[];
}

/**
 * Schedules and final box scores from stats.nba.com through the ingestion API. Daily: ScoreboardV2 for every date from
 * the cursor (the last fully collected date) to tomorrow; each final game's BoxScoreTraditionalV2, once. Backfill:
 * LeagueGameFinder over the range in windows, then every game's box score; a window cursor lets a killed backfill resume.
 */
export class CollectGamesUseCase {
  /** Posting to ingestion and the run status, shared by the collectors. */
  private readonly collectorRun: CollectorRun;

  constructor(
    private readonly stats: NbaStatsClient,
    private readonly state: CollectorStateRepository,
    private readonly publisher: SnapshotPublisher,
    private readonly clock: Clock,
    private readonly options: { backfillWindowDays: number },
    private readonly log?: CollectorLog,
  ) {
    this.collectorRun = new CollectorRun(GAMES_COLLECTOR, publisher, state, clock);
  }

  /** The daily run. */
  async daily(): Promise<GamesRunReport> {
    const report = this.newReport('daily');
    await this.run(report, async () => {
      const today = easternDate(this.clock.now());
      const done = await this.state.cursor(GAMES_COLLECTOR, DAILY_CURSOR);
      const from = done ? GameDate.addDays(done, 1) : GameDate.addDays(today, -1);
      let contiguous = true;
      report.doneThrough = done;
      for (const date of GameDate.range(from, GameDate.addDays(today, 1))) {
        const { response, games } = await this.stats.scoreboard(date);
        report.dates.push(date);
        report.games += games.length;
        this.log?.log(`games: ${date}: ${games.length} games, ${games.filter((g) => Number(g['GAME_STATUS_ID']) === GAME_FINAL).length} final`);
        await this.storeSchedule(report, `scoreboard:${date}`, response.url, scoreboardScheduleRows(date, games));
        let complete = date < today;
        for (const g of games) {
          const final = Number(g['GAME_STATUS_ID']) === GAME_FINAL;
          if (!final || !(await this.collectBoxScore(report, String(g['GAME_ID'])))) complete = false;
        }
        // The cursor only moves over an unbroken run of complete dates: a date with a game still missing is asked again.
        contiguous &&= complete;
        if (contiguous) {
          await this.state.setCursors([{ collector: GAMES_COLLECTOR, key: DAILY_CURSOR, value: date }]);
          report.doneThrough = date;
        }
      }
    });
    return report;
  }

  /** Backfills every game from `from` to `to` (US dates), resuming after the last window a killed run finished. */
  async backfill(from: string, to: string): Promise<GamesRunReport> {
    const report = this.newReport('backfill');
    const key = `backfill:${from}:${to}`;
    await this.run(report, async () => {
      const done = await this.state.cursor(GAMES_COLLECTOR, key);
      for (let start = done ? GameDate.addDays(done, 1) : from; start <= to; start = GameDate.addDays(start, this.options.backfillWindowDays)) {
        const end = [GameDate.addDays(start, this.options.backfillWindowDays - 1), to].sort()[0];
        const { response, rows } = await this.stats.leagueGameFinder(start, end);
        const games = gameFinderScheduleRows(rows);
        report.dates.push(`${start}..${end}`);
        report.games += games.length;
        this.log?.log(`games backfill ${start}..${end}: ${games.length} games`);
        await this.storeSchedule(report, `gamefinder:${start}:${end}`, response.url, games);
        for (const g of games) await this.collectBoxScore(report, g.gameId);
        await this.state.setCursors([{ collector: GAMES_COLLECTOR, key, value: end }]);
        report.doneThrough = end;
      }
    });
    return report;
  }

  /** A schedule snapshot, stored (and posted) only when its games differ from what was posted for the same source. */
  private async storeSchedule(report: GamesRunReport, source: string, url: string, games: ScheduleGameRow[]): Promise<void> {
    if (games.length === 0) return;
    const digest = createHash('sha256').update(JSON.stringify(games)).digest('hex').slice(0, 16);
    const snapshot = jsonSnapshot({ id: `games:schedule:${source}:${digest}`, collector: GAMES_COLLECTOR, kind: 'SCHEDULE', capturedAt: this.clock.now(), sourceUrl: url, rows: games });
    if (await this.state.storeSnapshot(snapshot)) report.schedulesPosted++;
    await this.publish(report);
  }

  /** A final game's box score, fetched once (a game already collected is skipped, also after a restart). */
  private async collectBoxScore(report: GamesRunReport, gameId: string): Promise<boolean> {
    const id = `games:box:${gameId}`;
    if (await this.state.hasSnapshot(id)) return true;
    const { response, players } = await this.stats.boxScore(gameId);
    if (players === 0) {
      this.log?.warn(`games: box score of ${gameId} has no player rows yet; asked again next run`);
      return false;
    }
    // allowPartial: a row ingestion refuses must not keep the whole game out; it is left in the batch's rejects file and
    // counted in the run's rejectedRows. (stats.nba.com's rounded MIN "33:60" is read as 34 minutes, not refused.)
    await this.state.storeSnapshot(
      rawSnapshot({
        id,
        collector: GAMES_COLLECTOR,
        kind: 'BOX_SCORES',
        capturedAt: this.clock.now(),
        sourceUrl: response.url,
        query: 'allowPartial=true',
        body: response.body,
        contentType: 'application/json',
        rows: players,
      }),
    );
    report.boxScoresCollected++;
    this.log?.log(`games: box score of ${gameId} collected (${players} player rows)`);
    await this.publish(report);
    return true;
  }

  private async publish(report: GamesRunReport): Promise<void> {
    await this.collectorRun.publishPending(report);
  }

  private newReport(mode: GamesRunReport['mode']): GamesRunReport {
    return { mode, dates: [], games: 0, schedulesPosted: 0, boxScoresCollected: 0, posted: 0, acceptedRows: 0, duplicates: 0, rejectedRows: 0, doneThrough: null, errors: [] };
  }

  private async run(report: GamesRunReport, work: () => Promise<void>): Promise<void> {
    try {
      await this.publish(report);
      await work();
    } catch (err) {
      report.errors.push((err as Error).message);
    }
    await this.collectorRun.record(report);
  }
}
