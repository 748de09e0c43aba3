import type { Pool } from 'pg';
import { CodedError } from '@propcast/common';
import { withPgTransactionDecided } from '@propcast/db';
import { normalizePlayerName } from '../formats/player-names';
import type { PlayerAliasesRepository, PlayerAliasRecord } from '../identity/player-aliases.repository';
import type { IngestLockRepository } from './ingest-lock.repository';

/** Why an alias change was refused. */
export type AliasRefusal = 'INVALID' | 'PLAYER_NOT_FOUND' | 'ALIAS_TAKEN' | 'SAME_GAME' | 'NOT_FOUND';

/** An alias change that would be wrong: nothing was changed. */
export class PlayerAliasRefusedError extends CodedError<AliasRefusal> {
  constructor(
    readonly code: AliasRefusal,
    message: string,
  ) {
    super(message);
  }
}

export interface AddPlayerAliasCommand {
  /** The name as a feed writes it ("Nicolas Claxton"); stored normalised. */
  name: string;
  playerId: number;
  /** Only for this book's lines (lower case, as prop_lines.book); omitted = every book. */
  book?: string;
  createdBy: string;
  reason: string;
}

/** What an added alias now means, and which other players of that name it takes precedence over. */
export interface AddedPlayerAlias {
  alias: PlayerAliasRecord;
  /** Players the name also means, none of whom played a game with the alias's player. */
  shadows: { playerId: number; playerName: string }[];
}

const bookScope = (book: string | undefined): string => (book ?? '').trim().toLowerCase();

/** The repositories alias changes run on. */
export interface PlayerAliasesRepositories {
  lock: Pick<IngestLockRepository, 'lockForTransaction'>;
  aliases: PlayerAliasesRepository;
}

/**
 * Aliases users add for names a feed uses that matching cannot find. Add is refused when the name is already another
 * player's alias for the same books, or when it would join the player with one who played in the same game (then they
 * are two people); changes run under the ingestion lock, so no import reads half of one.
 */
export class PlayerAliasesUseCase {
  constructor(private readonly deps: { pool: Pool; repositories: PlayerAliasesRepositories }) {}

  async add(cmd: AddPlayerAliasCommand): Promise<AddedPlayerAlias> {
    const alias = normalizePlayerName(cmd.name);
    if (!alias) throw new PlayerAliasRefusedError('INVALID', `name ${JSON.stringify(cmd.name)} has no letters or digits`);
    if (!cmd.reason.trim()) throw new PlayerAliasRefusedError('INVALID', 'reason is required');
    if (!cmd.createdBy.trim()) throw new PlayerAliasRefusedError('INVALID', 'createdBy is required');
    const book = bookScope(cmd.book);
    return withPgTransactionDecided(this.deps.pool, async (client) => {
      await this.deps.repositories.lock.lockForTransaction(client);
      const repo = this.deps.repositories.aliases;
      const playerName = await repo.playerName(client, cmd.playerId);
      if (playerName === null) throw new PlayerAliasRefusedError('PLAYER_NOT_FOUND', `player ${cmd.playerId} is not stored`);
      const taken = await repo.find(client, alias, book);
      if (taken && taken.playerId !== cmd.playerId) {
        throw new PlayerAliasRefusedError('ALIAS_TAKEN', `"${alias}"${book ? ` at ${book}` : ''} is already the alias of ${taken.playerName} (${taken.playerId}): remove it first`);
      }
      const clashes = await repo.clashes(client, alias, cmd.playerId);
      const together = clashes.find((c) => c.sharedGame !== null);
      if (together?.sharedGame) {
        throw new PlayerAliasRefusedError(
          'SAME_GAME',
          `"${alias}" already means ${together.playerName} (${together.playerId}), who played game ${together.sharedGame.gameId} on ${together.sharedGame.gameDate} with ${playerName} (${cmd.playerId}): they are two players`,
        );
      }
      await repo.save(client, { alias, book, playerId: cmd.playerId, createdBy: cmd.createdBy.trim(), reason: cmd.reason.trim() });
      const stored = (await repo.find(client, alias, book)) as PlayerAliasRecord;
      return { commit: true, value: { alias: stored, shadows: clashes.map((c) => ({ playerId: c.playerId, playerName: c.playerName })) } };
    });
  }

  async list(filter: { playerId?: number } = {}): Promise<PlayerAliasRecord[]> {
    return this.deps.repositories.aliases.list(this.deps.pool, filter);
  }

  async remove(cmd: { name: string; book?: string }): Promise<PlayerAliasRecord> {
    const alias = normalizePlayerName(cmd.name);
    const book = bookScope(cmd.book);
    return withPgTransactionDecided(this.deps.pool, async (client) => {
      await this.deps.repositories.lock.lockForTransaction(client);
      const removed = await this.deps.repositories.aliases.remove(client, alias, book);
      if (!removed) throw new PlayerAliasRefusedError('NOT_FOUND', `no alias "${alias}"${book ? ` at ${book}` : ' for every book'}`);
      return { commit: true, value: removed };
    });
  }
}
