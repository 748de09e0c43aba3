import type { Pool, PoolClient } from 'pg';

/** One stored alias, with the player it names. */
export interface PlayerAliasRecord {
  alias: string;
  /** '' = every book. */
  book: string;
  playerId: number;
  playerName: string;
  createdBy: string;
  reason: string;
  createdAt: string;
}

/** A player the alias would also mean (his own name, or an alias of his), and a game both played if any. */
export interface AliasClash {
  playerId: number;
  playerName: string;
  sharedGame: { gameId: string; gameDate: string } | null;
}

const SELECT_ALIASES = `SELECT a.alias, a.book, a.player_id AS "playerId", p.name AS "playerName", a.created_by AS "createdBy", a.reason,
                               to_char(a.created_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"
                          FROM player_aliases a JOIN players p ON p.id = a.player_id`;

/** SQL of player_aliases. Stateless: each method runs on the pool or the caller's transaction. */
export class PlayerAliasesRepository {
  async playerName(db: Pool | PoolClient, playerId: number): Promise<string | null> {
    const r = await db.query<{ name: string }>(`SELECT name FROM players WHERE id = $1`, [playerId]);
    return r.rows[0]?.name ?? null;
  }

  /** The alias of `alias` for exactly this book scope, if any. */
  async find(db: Pool | PoolClient, alias: string, book: string): Promise<PlayerAliasRecord | null> {
    const r = await db.query<PlayerAliasRecord>(`${SELECT_ALIASES} WHERE a.alias = $1 AND a.book = $2`, [alias, book]);
    return r.rows[0] ?? null;
  }

  /**
   * Other players the name already means: those whose normalised name it is, and those holding it as an alias (any
   * book), each with one game he played together with `playerId` (then they are two people), or null.
   */
  async clashes(db: Pool | PoolClient, alias: string, playerId: number): Promise<AliasClash[]> {
    const r = await db.query<{ id: number; name: string; game_id: string | null; game_date: string | null }>(
      `WITH others AS (
         SELECT id FROM players WHERE normalized_name = $1 AND id <> $2
         UNION SELECT player_id FROM player_aliases WHERE alias = $1 AND player_id <> $2
       )
       SELECT p.id, p.name, g.game_id, g.game_date::text AS game_date
         FROM others o JOIN players p ON p.id = o.id
         LEFT JOIN LATERAL (
           SELECT a.game_id, a.game_date FROM player_game_stats a JOIN player_game_stats b ON b.game_id = a.game_id AND b.player_id = $2
            WHERE a.player_id = o.id ORDER BY a.game_date LIMIT 1
         ) g ON true
        ORDER BY p.id`,
      [alias, playerId],
    );
    return r.rows.map((c) => ({ playerId: c.id, playerName: c.name, sharedGame: c.game_id ? { gameId: c.game_id, gameDate: c.game_date as string } : null }));
  }

  /** Stores the alias (replacing the same alias of the same book scope for the same player: its reason is updated). */
  async save(db: Pool | PoolClient, a: { alias: string; book: string; playerId: number; createdBy: string; reason: string }): Promise<void> {
    await db.query(
      `INSERT INTO player_aliases (alias, book, player_id, created_by, reason) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (alias, book) DO UPDATE SET created_by = EXCLUDED.created_by, reason = EXCLUDED.reason WHERE player_aliases.player_id = EXCLUDED.player_id`,
      [a.alias, a.book, a.playerId, a.createdBy, a.reason],
    );
  }

  async list(db: Pool | PoolClient, filter: { playerId?: number } = {}): Promise<PlayerAliasRecord[]> {
    const r = await db.query<PlayerAliasRecord>(`${SELECT_ALIASES} WHERE ($1::int IS NULL OR a.player_id = $1) ORDER BY a.alias, a.book`, [filter.playerId ?? null]);
    return r.rows;
  }

  /** Deletes the alias of this book scope; returns it, or null when there was none. */
  async remove(db: Pool | PoolClient, alias: string, book: string): Promise<PlayerAliasRecord | null> {
    const found = await this.find(db, alias, book);
    if (found) await db.query(`DELETE FROM player_aliases WHERE alias = $1 AND book = $2`, [alias, book]);
    return found;
  }
}
