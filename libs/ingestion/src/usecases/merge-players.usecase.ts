import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { CodedError } from '@propcast/common';
import { withPgTransactionDecided } from '@propcast/db';
import { ingestionCompletedEvents, NO_EVENTS, releaseEvents, type EventOutbox, type EventsOutcome } from '../events/ingestion-events';
import type { RowCounts } from '../writers/write-result';
import type { MovedRows, PlayerMergeRepository } from '../identity/player-merge.repository';
import type { IngestLockRepository } from './ingest-lock.repository';

/** Why a merge was refused. */
export type MergeRefusal = 'PLAYER_NOT_FOUND' | 'SAME_PLAYER' | 'NAME_MISMATCH' | 'SAME_GAME';

/** A merge that would be wrong: nothing was changed. */
export class PlayerMergeRefusedError extends CodedError<MergeRefusal> {
  constructor(
    readonly code: MergeRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** Fold player `fromId` into `intoId`: the same person under two ids. */
export interface MergePlayersCommand {
  fromId: number;
  intoId: number;
  /** Why (kept with the audit row). */
  reason?: string;
  /** Merge although the two names differ. */
  force?: boolean;
  /** Count what would move, change nothing. */
  dryRun?: boolean;
}

/** Rows moved to the kept id (or dropped as exact duplicates of its own rows), per table; box scores in all. */
export type MergedRows = Omit<MovedRows, 'boxScoresByDate'> & { boxScores: number };

export interface MergeReport {
  mergeId: string;
  dryRun: boolean;
  from: { id: number; name: string };
  into: { id: number; name: string };
  rows: MergedRows;
  /** Game dates whose box scores moved: features and grades of these dates (and later) are recomputed. */
  gameDates: string[];
  events: EventsOutcome;
}

/** The repositories a merge runs on. */
export interface MergePlayersRepositories {
  lock: Pick<IngestLockRepository, 'lockForTransaction'>;
  merges: Pick<PlayerMergeRepository, 'players' | 'sharedGames' | 'moveRows' | 'record'>;
}

/**
 * Folds one player id into another in one transaction (under the ingestion lock, so no import interleaves): box scores,
 * corrections, prop lines and predictions are re-keyed (a line or prediction the kept id already has under the same
 * key is dropped as its duplicate), the merged id's feature rows deleted and the player removed, with a
 * `player_merges` audit row. Refused when the names differ (unless forced) or when both ids played the same game
 * (then they are two people). One `ingestion.completed` per moved date, written to the outbox in the same transaction, makes the feature store
 * recompute the kept player's features from the first of them on, and grading regrade those dates.
 */
export class MergePlayersUseCase {
  constructor(private readonly deps: { pool: Pool; events: EventOutbox; repositories: MergePlayersRepositories }) {}

  async execute(cmd: MergePlayersCommand): Promise<MergeReport> {
    if (cmd.fromId === cmd.intoId) throw new PlayerMergeRefusedError('SAME_PLAYER', `player ${cmd.fromId} cannot be merged into itself`);
    const mergeId = `pm-${new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
    const { report, events } = await withPgTransactionDecided(this.deps.pool, async (client) => {
      await this.deps.repositories.lock.lockForTransaction(client);
      const merged = await this.merge(client, cmd, mergeId);
      const events = cmd.dryRun ? [] : ingestionCompletedEvents(mergeId, 'BOX_SCORES', merged.byDate);
      await this.deps.events.enqueue(client, events);
      return { commit: !cmd.dryRun, value: { report: merged.report, events } };
    });
    report.events = await releaseEvents(this.deps.events, events);
    return report;
  }

  private async merge(client: PoolClient, cmd: MergePlayersCommand, mergeId: string): Promise<{ report: MergeReport; byDate: Map<string, RowCounts> }> {
    const { fromId, intoId } = cmd;
    const { merges } = this.deps.repositories;
    const players = await merges.players(client, [fromId, intoId]);
    const from = players.find((p) => p.id === fromId);
    const into = players.find((p) => p.id === intoId);
    if (!from) throw new PlayerMergeRefusedError('PLAYER_NOT_FOUND', `player ${fromId} is not stored`);
    if (!into) throw new PlayerMergeRefusedError('PLAYER_NOT_FOUND', `player ${intoId} is not stored`);
    if (from.normalizedName !== into.normalizedName && !cmd.force) {
      throw new PlayerMergeRefusedError('NAME_MISMATCH', `player ${fromId} is "${from.name}" and player ${intoId} is "${into.name}": give --force to merge different names`);
    }
    const shared = await merges.sharedGames(client, fromId, intoId);
    if (shared.length > 0) {
      throw new PlayerMergeRefusedError('SAME_GAME', `players ${fromId} and ${intoId} both played in game(s) ${shared.join(', ')}: they are two players`);
    }

    const { boxScoresByDate, ...moved } = await merges.moveRows(client, fromId, intoId);
    const rows: MergedRows = { boxScores: boxScoresByDate.reduce((n, r) => n + r.n, 0), ...moved };
    await merges.record(client, { id: mergeId, fromId, intoId, fromName: from.name, reason: cmd.reason ?? null, rows });
    const byDate = new Map<string, RowCounts>();
    for (const r of boxScoresByDate) if (r.gameDate !== null) byDate.set(r.gameDate, { inserted: 0, updated: r.n, unchanged: 0 });
    const report: MergeReport = {
      mergeId,
      dryRun: cmd.dryRun === true,
      from: { id: fromId, name: from.name },
      into: { id: intoId, name: into.name },
      rows,
      gameDates: [...byDate.keys()],
      events: { ...NO_EVENTS },
    };
    return { report, byDate };
  }
}
