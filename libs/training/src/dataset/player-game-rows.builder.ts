import { ALL_STATS, type StatType } from '@propcast/contracts';
import { byStat, targetValue, type BoxScoreCounts } from '../stats';
import type { DateWindow, PlayerGameRows } from './dataset.types';

/** One played player-game as a row source reads it. */
export interface PlayerGameRowInput extends BoxScoreCounts {
  rowId: number;
  playerId: number;
  gameId: string;
  gameDate: string;
  minutes: number;
  values: Float32Array;
}

/** Accumulates rows into growing columnar arrays, then freezes them into PlayerGameRows. */
export class PlayerGameRowsBuilder {
  private size = 0;
  private capacity: number;
  private rowIds: Float64Array;
  private playerIds: Int32Array;
  private readonly gameIds: string[] = [];
  private readonly gameDates: string[] = [];
  private minutes: Float32Array;
  private features: Float32Array;
  private targets: Record<StatType, Float32Array>;
  private readonly index = new Map<string, number>();

  constructor(
    private readonly featureSetId: string,
    private readonly featureNames: readonly string[],
    private readonly window: DateWindow,
    initialCapacity = 1024,
  ) {
    this.capacity = Math.max(1, initialCapacity);
    this.rowIds = new Float64Array(this.capacity);
    this.playerIds = new Int32Array(this.capacity);
    this.minutes = new Float32Array(this.capacity);
    this.features = new Float32Array(this.capacity * featureNames.length);
    this.targets = byStat(() => new Float32Array(this.capacity));
  }

  /** Appends one row; `values` must have one value per feature name. */
  add(row: PlayerGameRowInput): void {
    const ncol = this.featureNames.length;
    if (row.values.length !== ncol) throw new RangeError(`row ${row.rowId} has ${row.values.length} feature values, expected ${ncol}`);
    if (this.size === this.capacity) this.grow();
    const i = this.size++;
    this.rowIds[i] = row.rowId;
    this.playerIds[i] = row.playerId;
    this.gameIds.push(row.gameId);
    this.gameDates.push(row.gameDate);
    this.minutes[i] = row.minutes;
    this.features.set(row.values, i * ncol);
    for (const stat of ALL_STATS) this.targets[stat][i] = targetValue(stat, row);
    this.index.set(`${row.playerId}:${row.gameId}`, i);
  }

  /** Finishes the rows; `lines` gives real prop lines by `playerId:gameId` and stat (absent = NaN). */
  build(lines: ReadonlyMap<string, Partial<Record<StatType, number>>> = new Map()): PlayerGameRows {
    const n = this.size;
    const lineArrays = byStat(() => new Float32Array(n).fill(Number.NaN));
    for (const [key, byStat] of lines) {
      const i = this.index.get(key);
      if (i === undefined) continue;
      for (const stat of ALL_STATS) {
        const value = byStat[stat];
        if (value !== undefined) lineArrays[stat][i] = value;
      }
    }
    const ncol = this.featureNames.length;
    return {
      featureSetId: this.featureSetId,
      featureNames: this.featureNames,
      window: this.window,
      size: n,
      rowIds: this.rowIds.slice(0, n),
      playerIds: this.playerIds.slice(0, n),
      gameIds: this.gameIds,
      gameDates: this.gameDates,
      minutes: this.minutes.slice(0, n),
      features: this.features.slice(0, n * ncol),
      targets: byStat((s) => this.targets[s].slice(0, n)),
      lines: lineArrays,
    };
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const grown = <A extends Float32Array | Float64Array | Int32Array>(a: A, size: number): A => {
      const b = new (a.constructor as new (n: number) => A)(size);
      b.set(a);
      return b;
    };
    this.rowIds = grown(this.rowIds, capacity);
    this.playerIds = grown(this.playerIds, capacity);
    this.minutes = grown(this.minutes, capacity);
    this.features = grown(this.features, capacity * this.featureNames.length);
    this.targets = byStat((s) => grown(this.targets[s], capacity));
    this.capacity = capacity;
  }
}
