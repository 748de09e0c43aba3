import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

export interface DemoDataFiles {
  /** One file per season (rows before the replay day), in season order: one ingestion batch each. */
  historyBySeason: { season: string; file: string; rows: number }[];
  dayBoxScores: string;
  daySchedule: string;
  dayRows: number;
}

/** Streams a gzipped CSV, handing each data line and the header to `onLine`. */
async function forEachCsvLine(file: string, onLine: (line: string, header: string) => void): Promise<void> {
  const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let header = '';
  for await (const line of rl) {
    if (!header) header = line;
    else if (line) onLine(line, header);
  }
}

function columnIndex(header: string, name: string): number {
  const idx = header.split(',').indexOf(name);
  if (idx < 0) throw new Error(`column ${name} not found`);
  return idx;
}

class GzipCsvWriter {
  private readonly gzip: Gzip = createGzip();
  readonly done: Promise<void>;
  rows = 0;
  constructor(
    readonly file: string,
    header: string,
  ) {
    this.done = pipeline(this.gzip, createWriteStream(file));
    this.gzip.write(header + '\n');
  }
  write(line: string): void {
    this.gzip.write(line + '\n');
    this.rows++;
  }
  end(): Promise<void> {
    this.gzip.end();
    return this.done;
  }
}

/**
 * Splits the real box-score dataset at the replay day: history is every row before the day (what the
 * models may learn from), one file per season; the day's rows are its final box scores, ingested after
 * predicting. The day's schedule comes from the real LeagueGameFinder schedule of its season. The split
 * is written once (var/demo/manifest-<day>.json) and reused, so a second run imports the same bytes.
 */
export async function prepareDemoData(sharedData: string, outDir: string, replayDay: string, season: string): Promise<DemoDataFiles> {
  mkdirSync(outDir, { recursive: true });
  const manifest = join(outDir, `manifest-${replayDay}.json`);
  if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')) as DemoDataFiles;

  const seasons = new Map<string, GzipCsvWriter>();
  let day: GzipCsvWriter | null = null;
  let idx = { date: -1, season: -1 };
  await forEachCsvLine(join(sharedData, 'boxscores/player_boxscores_2012-13_to_2020-21.csv.gz'), (line, header) => {
    if (idx.date < 0) idx = { date: columnIndex(header, 'GAME_DATE'), season: columnIndex(header, 'SEASON') };
    const cells = line.split(',');
    const date = cells[idx.date];
    // A few 2012-13 preseason rows have no date: nothing can be placed in time without one.
    if (!date) return;
    if (date < replayDay) {
      const s = cells[idx.season];
      let w = seasons.get(s);
      if (!w) seasons.set(s, (w = new GzipCsvWriter(join(outDir, `history-${s}-before-${replayDay}.csv.gz`), header)));
      w.write(line);
    } else if (date === replayDay) {
      day ??= new GzipCsvWriter(join(outDir, `box-scores-${replayDay}.csv.gz`), header);
      day.write(line);
    }
  });
  if (!day) throw new Error(`the dataset has no box scores on ${replayDay}`);
  const dayWriter: GzipCsvWriter = day;
  let schedule: GzipCsvWriter | null = null;
  let scheduleDate = -1;
  await forEachCsvLine(join(sharedData, `formats/schedules/nba_games_${season.replace('-', '_')}.csv.gz`), (line, header) => {
    if (scheduleDate < 0) scheduleDate = columnIndex(header, 'GAME_DATE');
    if (!line.split(',')[scheduleDate]?.startsWith(replayDay)) return;
    schedule ??= new GzipCsvWriter(join(outDir, `schedule-${replayDay}.csv.gz`), header);
    schedule.write(line);
  });
  if (!schedule) throw new Error(`the ${season} schedule has no games on ${replayDay}`);
  const scheduleWriter: GzipCsvWriter = schedule;
  const writers = [...seasons.values()];
  await Promise.all([...writers, dayWriter, scheduleWriter].map((w) => w.end()));
  const files: DemoDataFiles = {
    historyBySeason: [...seasons.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([s, w]) => ({ season: s, file: w.file, rows: w.rows })),
    dayBoxScores: dayWriter.file,
    daySchedule: scheduleWriter.file,
    dayRows: dayWriter.rows,
  };
  writeFileSync(manifest, JSON.stringify(files, null, 2));
  return files;
}
