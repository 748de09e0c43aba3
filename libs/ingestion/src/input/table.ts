import { CsvParser, CsvSyntaxError, type CsvVisitor } from './csv-parser';
import { ArrayFields, LineFields, type FieldSource } from './field-source';
import { InputTooLargeError, LineLengthGuard } from './input-limits';
import { containerFromName, isGzip, sniffContainer, TextStream, type Container, type RawInput } from './raw-input';

/** One input record: its row number (CSV line, JSON array position, NDJSON line) and values aligned with the table's columns. */
export interface RawRecord {
  row: number;
  values: readonly unknown[];
}

/** Records of a batch as a table: column names, then every record streamed to a visitor (CSV is never held whole). */
export interface Table {
  /** e.g. `csv.gz`, `json`, `json:nba-resultsets`, `json:betmgm-fixture`. */
  format: string;
  columns: readonly string[];
  /** Visits every record in input order (the source is only valid during the call); `onChunk` runs (and is awaited) between input chunks. */
  forEach(visit: (record: FieldSource) => void, onChunk?: () => void | Promise<void>): Promise<void>;
  /** Fraction (0..1) of the raw input consumed so far. */
  progress(): number;
}

/** A JSON document shape that only one kind understands (data.nba.net schedule, BetMGM fixture...), flattened into a table. */
export interface JsonDialect {
  name: string;
  matches(doc: unknown): boolean;
  toRecords(doc: unknown): { columns: string[]; records: RawRecord[] };
}

/** The input cannot be read as any supported format (bad gzip, broken JSON, unterminated CSV quote, unknown shape). */
export class UnreadableInputError extends Error {
  override readonly name = 'UnreadableInputError';
  constructor(
    message: string,
    readonly row = 0,
  ) {
    super(message);
  }
}

const ROW_ARRAY_KEYS = ['rows', 'data', 'records', 'items', 'boxScores', 'games', 'schedule', 'props', 'lines', 'propLines'];

/** Options of openTable. */
export interface OpenTableOptions {
  dialects?: readonly JsonDialect[];
  preferColumns?: (columns: readonly string[]) => number;
  /** Longest CSV or NDJSON line: a longer one throws InputTooLargeError before it is buffered whole. */
  maxLineChars?: number;
}

/** Opens the input as a table: detects gzip and container, reads the CSV header, or parses the JSON shape. */
export async function openTable(input: RawInput, opts: OpenTableOptions = {}): Promise<Table> {
  const stream = new TextStream(input.bytes);
  const chunks = stream.chunks()[Symbol.asyncIterator]();
  const first = await nextChunk(chunks);
  const container: Container = containerFromName(input.fileName, input.contentType) ?? sniffContainer(first ?? '');
  const guard = container !== 'json' && opts.maxLineChars !== undefined ? new LineLengthGuard(opts.maxLineChars) : undefined;
  if (first !== undefined) guard?.feed(first);
  const iterator = guard ? guarded(chunks, guard) : chunks;
  const suffix = isGzip(input.bytes) ? '.gz' : '';
  if (container === 'csv') return openCsv(`csv${suffix}`, first, iterator, stream);
  let text = first ?? '';
  for (let chunk = await nextChunk(iterator); chunk !== undefined; chunk = await nextChunk(iterator)) text += chunk;
  const { columns, records, dialect } = container === 'ndjson' ? fromNdjson(text) : fromJson(text, opts.dialects ?? [], opts.preferColumns);
  return {
    format: `${container}${suffix}${dialect ? `:${dialect}` : ''}`,
    columns,
    async forEach(visit, onChunk) {
      for (const r of records) visit(new ArrayFields(r.row, r.values));
      await onChunk?.();
    },
    progress: () => 1,
  };
}

/** The chunks, each shown to the line guard before the parser sees it. */
function guarded(chunks: AsyncIterator<string>, guard: LineLengthGuard): AsyncIterator<string> {
  return {
    async next() {
      const next = await chunks.next();
      if (!next.done) guard.feed(next.value);
      return next;
    },
  };
}

async function nextChunk(iterator: AsyncIterator<string>): Promise<string | undefined> {
  try {
    const next = await iterator.next();
    return next.done ? undefined : next.value;
  } catch (err) {
    if (err instanceof InputTooLargeError) throw err;
    throw new UnreadableInputError(`cannot decompress the input: ${(err as Error).message}`);
  }
}

function csvError(err: unknown): unknown {
  return err instanceof CsvSyntaxError ? new UnreadableInputError(`invalid CSV: ${err.message}`, err.line) : err;
}

/** Reads the header, then streams records: unquoted lines in place (LineFields), quoted ones split (ArrayFields). */
async function openCsv(format: string, first: string | undefined, iterator: AsyncIterator<string>, stream: TextStream): Promise<Table> {
  const parser = new CsvParser();
  let columns: string[] | undefined;
  let chunk = first;
  let visit: ((record: FieldSource) => void) | undefined;
  const line = new LineFields();
  const visitor: CsvVisitor = {
    line(text, start, end, row) {
      if (!columns)
        columns = text
          .slice(start, end)
          .split(',')
          .map((c) => c.trim());
      else visit?.(line.reset(text, start, end, row));
    },
    values(values, row) {
      if (!columns) columns = values.map((c) => c.trim());
      else visit?.(new ArrayFields(row, values));
    },
  };
  /** Feeds one more chunk to the parser; false at the end of the input. */
  const pull = async (): Promise<boolean> => {
    if (chunk === undefined) return false;
    try {
      parser.push(chunk, visitor);
      chunk = await nextChunk(iterator);
      if (chunk === undefined) parser.end(visitor);
    } catch (err) {
      throw csvError(err);
    }
    return true;
  };
  // Read until the header is complete; records that follow it in the same chunk are held back and replayed.
  const early: FieldSource[] = [];
  visit = (record) => early.push(record instanceof LineFields ? new ArrayFields(record.row, record.toArray()) : record);
  while (!columns && (await pull()));
  if (!columns) throw new UnreadableInputError('the file is empty');
  const header = columns;
  return {
    format,
    columns: header,
    async forEach(onRecord, onChunk) {
      for (const record of early) onRecord(record);
      visit = onRecord;
      await onChunk?.();
      while (await pull()) await onChunk?.();
    },
    progress: () => stream.progress,
  };
}

function parseJson(text: string, row = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UnreadableInputError(`invalid JSON: ${(err as Error).message}`, row);
  }
}

function fromNdjson(text: string): { columns: string[]; records: RawRecord[]; dialect?: string } {
  const objects: { row: number; value: unknown }[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim()) objects.push({ row: i + 1, value: parseJson(line, i + 1) });
  });
  return tableOfObjects(objects);
}

function fromJson(text: string, dialects: readonly JsonDialect[], preferColumns?: (columns: readonly string[]) => number): { columns: string[]; records: RawRecord[]; dialect?: string } {
  const doc = parseJson(text.replace(/^\uFEFF/, ''));
  for (const d of dialects) {
    if (d.matches(doc)) return { ...d.toRecords(doc), dialect: d.name };
  }
  if (Array.isArray(doc)) return tableOfObjects(doc.map((value, i) => ({ row: i + 1, value })));
  if (doc && typeof doc === 'object') {
    const obj = doc as Record<string, unknown>;
    const sets = Array.isArray(obj['resultSets']) ? obj['resultSets'] : obj['resultSet'] ? [obj['resultSet']] : undefined;
    if (sets) return { ...fromResultSets(sets, preferColumns), dialect: 'nba-resultsets' };
    const key = ROW_ARRAY_KEYS.find((k) => Array.isArray(obj[k]));
    if (key) return tableOfObjects((obj[key] as unknown[]).map((value, i) => ({ row: i + 1, value })));
  }
  throw new UnreadableInputError(`unrecognised JSON shape: expected an array of rows, {"rows": [...]}, or an nba_api {"resultSets": [...]} document`);
}

/** nba_api's raw JSON: `{resultSets: [{name, headers, rowSet}]}`; picks the set the kind understands best. */
function fromResultSets(sets: unknown[], preferColumns?: (columns: readonly string[]) => number): { columns: string[]; records: RawRecord[] } {
  const valid = sets.filter(
    (s): s is { headers: string[]; rowSet: unknown[][] } => !!s && typeof s === 'object' && Array.isArray((s as { headers?: unknown }).headers) && Array.isArray((s as { rowSet?: unknown }).rowSet),
  );
  if (valid.length === 0) throw new UnreadableInputError('nba_api document has no result set with headers and rowSet');
  const best = preferColumns ? valid.reduce((a, b) => (preferColumns(b.headers) > preferColumns(a.headers) ? b : a)) : valid[0];
  return {
    columns: best.headers.map(String),
    records: best.rowSet.map((values, i) => ({ row: i + 1, values: Array.isArray(values) ? values : [] })),
  };
}

/** Objects (JSON array elements, NDJSON lines) as a table whose columns are the union of their keys, in first-seen order. */
function tableOfObjects(objects: { row: number; value: unknown }[]): { columns: string[]; records: RawRecord[] } {
  const index = new Map<string, number>();
  for (const { row, value } of objects) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UnreadableInputError('expected an object', row);
    for (const key of Object.keys(value)) if (!index.has(key)) index.set(key, index.size);
  }
  const columns = [...index.keys()];
  const records = objects.map(({ row, value }) => ({ row, values: columns.map((c) => (value as Record<string, unknown>)[c]) }));
  return { columns, records };
}
