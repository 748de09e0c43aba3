/** One thing wrong with the input: the row (line of a CSV, element of a JSON array; 0 = the whole file), the field and what is wrong. */
export interface RowProblem {
  row: number;
  field: string;
  message: string;
}

/** How many problems a report, an error or the batch audit lists before saying "and N more". */
export const MAX_LISTED_PROBLEMS = 100;

/** Formats a problem as `row N, field F: what is wrong`. */
export function formatProblem(p: RowProblem): string {
  return p.row === 0 ? `file, field ${p.field}: ${p.message}` : `row ${p.row}, field ${p.field}: ${p.message}`;
}

/** A field value that cannot be accepted; thrown by value parsers and turned into a RowProblem by the row mappers. */
export class ValidationFailedError extends Error {
  override readonly name = 'ValidationFailedError';
  constructor(
    readonly row: number,
    readonly field: string,
    readonly problem: string,
  ) {
    super(formatProblem({ row, field, message: problem }));
  }
}

/** Text a problem quotes from the input, made storable: Postgres text refuses NUL, so it is spelled out as \u0000. */
const storable = (text: string): string => (text.includes('\u0000') ? text.replaceAll('\u0000', '\\u0000') : text);

/** Collects every problem of a batch, by row, in the order found. */
export class ProblemCollector {
  private readonly byRow = new Map<number, RowProblem[]>();
  private count = 0;

  /** Records a problem. */
  add(row: number, field: string, message: string): void {
    // Problems quote the input (a column name, a value) and are stored with the batch's audit row.
    const problem = { row, field: storable(field), message: storable(message) };
    const list = this.byRow.get(row);
    if (list) list.push(problem);
    else this.byRow.set(row, [problem]);
    this.count++;
  }

  /** Records a ValidationFailedError thrown by a value parser. */
  addError(err: ValidationFailedError): void {
    this.add(err.row, err.field, err.problem);
  }

  /** Total number of problems. */
  get total(): number {
    return this.count;
  }

  /** True when the row (0 = the file) has at least one problem. */
  hasRow(row: number): boolean {
    return this.byRow.has(row);
  }

  /** True when a problem concerns the whole file, so no row can be accepted. */
  get fileRejected(): boolean {
    return this.byRow.has(0);
  }

  /** Problems of one row. */
  forRow(row: number): readonly RowProblem[] {
    return this.byRow.get(row) ?? [];
  }

  /** Row numbers with problems, ascending. */
  rows(): number[] {
    return [...this.byRow.keys()].sort((a, b) => a - b);
  }

  /** The first `limit` problems, by row then in the order found. */
  list(limit = MAX_LISTED_PROBLEMS): RowProblem[] {
    const out: RowProblem[] = [];
    for (const row of this.rows()) {
      for (const p of this.byRow.get(row) ?? []) {
        if (out.length >= limit) return out;
        out.push(p);
      }
    }
    return out;
  }
}
