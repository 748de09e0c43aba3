/** Consecutive dates loaded together; `write` windows are computed and stored, the others only replayed. */
export interface DateWindow {
  dates: string[];
  write: boolean;
}

/** Splits ascending dates into windows of at most `size` dates. */
export function dateWindows(dates: readonly string[], size: number, write: boolean): DateWindow[] {
  const out: DateWindow[] = [];
  for (let i = 0; i < dates.length; i += size) out.push({ dates: dates.slice(i, i + size), write });
  return out;
}

/** Ascending union of date lists, without duplicates. */
export function sortedUnion(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort();
}
