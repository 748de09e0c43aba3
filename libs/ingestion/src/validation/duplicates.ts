import type { ProblemCollector } from './problems';

/** How to recognise and compare duplicate rows of one kind. */
export interface DuplicateRule<T> {
  /** The identity of a row: rows with the same key describe the same thing. */
  key(row: T): string | number;
  /** Fields that must agree between duplicates. */
  fields: readonly (keyof T)[];
  /** Column name to report for a field. */
  fieldName(field: keyof T): string;
  /** What the key designates, for messages ("player 2544 in game 0022300001"). */
  describe(row: T): string;
}

function same(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

function show(v: unknown): string {
  return v instanceof Date ? v.toISOString() : String(v);
}

/**
 * Identical rows with the same key collapse into the first; rows that disagree are both reported
 * (naming the first field that differs). Returns the rows to keep and how many collapsed.
 */
export function collapseDuplicates<T extends { row: number }>(rows: readonly T[], problems: ProblemCollector, rule: DuplicateRule<T>): { rows: T[]; collapsed: number } {
  const first = new Map<string | number, T>();
  const kept: T[] = [];
  let collapsed = 0;
  for (const row of rows) {
    const key = rule.key(row);
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, row);
      kept.push(row);
      continue;
    }
    const differs = rule.fields.find((f) => !same(earlier[f], row[f]));
    if (differs === undefined) {
      collapsed++;
      continue;
    }
    const field = rule.fieldName(differs);
    const what = `${rule.describe(row)} also appears in row`;
    problems.add(row.row, field, `${what} ${earlier.row} with ${field} ${show(earlier[differs])} (here ${show(row[differs])}): conflicting duplicate`);
    problems.add(earlier.row, field, `${what} ${row.row} with ${field} ${show(row[differs])} (here ${show(earlier[differs])}): conflicting duplicate`);
  }
  return { rows: kept.filter((r) => !problems.hasRow(r.row)), collapsed };
}
