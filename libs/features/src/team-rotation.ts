import { usageLoad, isPlayed } from './stat-extractors';
import type { StateReader, StateWriter } from './state-codec';
import type { PlayerGameLog } from './types';

/** One player's part of one team game. */
interface RotationEntry {
  playerId: number;
  minutes: number;
  fga: number;
  usage: number;
  started: number;
}

/** Running sums of one player over the games a rotation holds. */
interface RotationSums {
  games: number;
  minutes: number;
  fga: number;
  usage: number;
  starts: number;
}

/** A player's averages over a team's recent games, games he missed counted as zero. */
export interface RotationShare {
  minutes: number;
  fga: number;
  /** FGA + 0.44 FTA + TOV per team game. */
  usage: number;
  /** Share of the team's recent games he started. */
  startShare: number;
}

/**
 * A team's recent rotation, point in time: the played rows of its last `capacity` games, kept as running sums per
 * player, so what an absent teammate leaves free costs O(1) to read. A player missing from a game counts zero there:
 * a teammate out for weeks leaves nothing new free (his minutes already went to others).
 */
export class TeamRotation {
  private readonly games: RotationEntry[][] = [];
  private readonly sums = new Map<number, RotationSums>();

  constructor(private readonly capacity: number) {}

  /** Team games held (at most capacity). */
  get gamesHeld(): number {
    return this.games.length;
  }

  /** Folds one team game in (its player rows, DNP included), evicting the oldest game when full. */
  ingestGame(rows: readonly PlayerGameLog[]): void {
    const entries: RotationEntry[] = [];
    for (const row of rows) {
      if (!isPlayed(row)) continue;
      const load = usageLoad(row);
      entries.push({ playerId: row.playerId, minutes: row.minutes, fga: row.fga ?? 0, usage: Number.isNaN(load) ? 0 : load, started: row.started === true ? 1 : 0 });
    }
    this.games.push(entries);
    for (const e of entries) this.add(e, 1);
    if (this.games.length > this.capacity) for (const e of this.games.shift() as RotationEntry[]) this.add(e, -1);
  }

  /** The player's averages over the held games; null when the team has no game yet. */
  share(playerId: number): RotationShare | null {
    const n = this.games.length;
    if (n === 0) return null;
    const s = this.sums.get(playerId);
    if (s === undefined) return { minutes: 0, fga: 0, usage: 0, startShare: 0 };
    return { minutes: s.minutes / n, fga: s.fga / n, usage: s.usage / n, startShare: s.starts / n };
  }

  /** Saves the held games and the running sums as they are (sums are not recomputed: their rounding is kept). */
  writeState(w: StateWriter): void {
    w.u32(this.capacity);
    w.u32(this.games.length);
    for (const game of this.games) {
      w.u32(game.length);
      for (const e of game) {
        w.i32(e.playerId);
        w.f64(e.minutes);
        w.f64(e.fga);
        w.f64(e.usage);
        w.f64(e.started);
      }
    }
    w.u32(this.sums.size);
    for (const [playerId, s] of this.sums) {
      w.i32(playerId);
      w.f64(s.games);
      w.f64(s.minutes);
      w.f64(s.fga);
      w.f64(s.usage);
      w.f64(s.starts);
    }
  }

  /** Restores what writeState saved into this fresh rotation of the same capacity. */
  readState(r: StateReader): void {
    r.expect(this.capacity, 'a rotation length of');
    for (let g = r.u32(); g > 0; g--) {
      const entries: RotationEntry[] = [];
      for (let n = r.u32(); n > 0; n--) entries.push({ playerId: r.i32(), minutes: r.f64(), fga: r.f64(), usage: r.f64(), started: r.f64() });
      this.games.push(entries);
    }
    for (let n = r.u32(); n > 0; n--) {
      const playerId = r.i32();
      this.sums.set(playerId, { games: r.f64(), minutes: r.f64(), fga: r.f64(), usage: r.f64(), starts: r.f64() });
    }
  }

  private add(e: RotationEntry, sign: 1 | -1): void {
    let s = this.sums.get(e.playerId);
    if (s === undefined) {
      s = { games: 0, minutes: 0, fga: 0, usage: 0, starts: 0 };
      this.sums.set(e.playerId, s);
    }
    s.games += sign;
    s.minutes += sign * e.minutes;
    s.fga += sign * e.fga;
    s.usage += sign * e.usage;
    s.starts += sign * e.started;
    if (s.games === 0) this.sums.delete(e.playerId);
  }
}
