/** Lower-case alphanumeric form of a column name: PLAYER_ID, Player_ID, playerId and player_id are all `playerid`. */
export function columnKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** For each canonical field: the name shown in problems when the column is absent, and the column keys that carry it, by priority. */
export type FieldSpec<F extends string> = Record<F, { display: string; aliases: readonly string[] }>;

/** Where each canonical field sits in a table: column index (-1 when absent) and the column's own name for messages. */
export interface FieldMap<F extends string> {
  index: Record<F, number>;
  name: Record<F, string>;
}

/** Matches table columns to canonical fields through their aliases. */
export function mapColumns<F extends string>(columns: readonly string[], spec: FieldSpec<F>): FieldMap<F> {
  const byKey = new Map<string, number>();
  columns.forEach((c, i) => {
    const key = columnKey(c);
    if (key && !byKey.has(key)) byKey.set(key, i);
  });
  const index = {} as Record<F, number>;
  const name = {} as Record<F, string>;
  for (const field of Object.keys(spec) as F[]) {
    const hit = spec[field].aliases.map((a) => byKey.get(a)).find((i) => i !== undefined);
    index[field] = hit ?? -1;
    name[field] = hit === undefined ? spec[field].display : columns[hit];
  }
  return { index, name };
}

/** How many of the spec's fields the columns carry (to pick the right nba_api result set). */
export function countMatchedFields<F extends string>(columns: readonly string[], spec: FieldSpec<F>): number {
  const map = mapColumns(columns, spec);
  return Object.values<number>(map.index).filter((i) => i >= 0).length;
}
