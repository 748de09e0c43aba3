import type { EventEnvelope } from '@propcast/contracts';
import type { Pool, PoolClient } from 'pg';
import type { EventOutbox } from '../events/ingestion-events';
import type { MergeCandidate, MovedRows } from '../identity/player-merge.repository';
import type { MergePlayersRepositories } from '../usecases/merge-players.usecase';

/**
 * A Pool whose transactions accept BEGIN/COMMIT/ROLLBACK only, so SQL a use case ran itself (outside its repositories)
 * fails the test. `statements` records them (to tell a commit from a rollback).
 */
export function transactionOnlyPool(statements: string[] = []): Pool {
  const client = {
    async query(sql: string) {
      if (!/^(BEGIN|COMMIT|ROLLBACK)$/.test(sql)) throw new Error(`unexpected SQL outside a repository: ${sql}`);
      statements.push(sql);
      return { rows: [], rowCount: 0 };
    },
    on: () => client,
    removeListener: () => client,
    release: () => undefined,
  };
  return { connect: async () => client as unknown as PoolClient } as unknown as Pool;
}

/** An outbox that keeps what was enqueued; the bus takes everything at once. */
export class InMemoryOutbox implements EventOutbox {
  readonly enqueued: EventEnvelope[] = [];

  async enqueue(_db: unknown, events: readonly EventEnvelope[]): Promise<void> {
    this.enqueued.push(...events);
  }

  async flush() {
    return { published: this.enqueued.length, failed: 0 } as unknown as Awaited<ReturnType<EventOutbox['flush']>>;
  }

  async pendingAmong(): Promise<number> {
    return 0;
  }
}

/** Players and the rows a merge would move, in memory (the merge's lock is a no-op, each lock counted). */
export class InMemoryMerges implements MergePlayersRepositories {
  locks = 0;
  readonly recorded: { id: string; fromId: number; intoId: number; fromName: string; reason: string | null; rows: object }[] = [];
  readonly movedPairs: [number, number][] = [];

  constructor(
    readonly stored: MergeCandidate[],
    /** game ids per player id. */
    readonly games: Map<number, string[]> = new Map(),
    readonly toMove: MovedRows = { boxScoresByDate: [], statCorrections: 0, propLines: 0, propLinesDropped: 0, predictions: 0, predictionsDropped: 0, featureRowsDeleted: 0 },
  ) {}

  readonly lock = { lockForTransaction: async () => void this.locks++ };

  readonly merges: MergePlayersRepositories['merges'] = {
    players: async (_client, ids) => this.stored.filter((p) => ids.includes(p.id)),
    sharedGames: async (_client, fromId, intoId) => (this.games.get(fromId) ?? []).filter((g) => (this.games.get(intoId) ?? []).includes(g)).slice(0, 5),
    moveRows: async (_client, fromId, intoId) => {
      this.movedPairs.push([fromId, intoId]);
      return this.toMove;
    },
    record: async (_client, m) => void this.recorded.push(m),
  };
}
