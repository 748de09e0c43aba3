import { createReadStream, createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

export interface DemoDataFiles {
  historyBoxScores: string;
  dayBoxScores: string;
  daySchedule: string;
  historyRows: number;
  dayRows: number;
}

/** Streams a gzipped CSV, handing each data line and the header to `onLine`. */
async function forEachCsvLine(file: string, onLine: (line: string, header: string) => void): Promise<string> {
  const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let header = '';
  for await (const line of rl) {
    if (!header) header = line;
    else if (line) onLine(line, header);
  }
  return header;
}

/** A CSV field by column index, for this dataset's simple (quoted, comma-free date) columns. */
function columnIndex(header: string, name: string): number {
  const idx = header.split(',').indexOf(name);
  if (idx < 0) throw new Error(`column ${name} not found`);
  return idx;
}

/**
 * Splits the real box-score dataset at the replay day: history is every row before the day (what
 * the models may learn from), the day's rows are its final box scores, ingested after predicting.
 * The day's schedule comes from the real LeagueGameFinder schedule of its season.
 */
export async function prepareDemoData(sharedData: string, outDir: string, replayDay: string, season: string): Promise<DemoDataFiles> {
  mkdirSync(outDir, { recursive: true });
  const files = {
    historyBoxScores: join(outDir, `history-before-${replayDay}.csv.gz`),
    dayBoxScores: join(outDir, `box-scores-${replayDay}.csv.gz`),
    daySchedule: join(outDir, `schedule-${replayDay}.csv.gz`),
  };
  const counts = { historyRows: 0, dayRows: 0 };
  if (![files.historyBoxScores, files.dayBoxScores, files.daySchedule].every(existsSync) || !existsSync(join(outDir, `.done-${replayDay}`))) {
    const history = createGzip();
    const day = createGzip();
    const written = [pipeline(history, createWriteStream(files.historyBoxScores)), pipeline(day, createWriteStream(files.dayBoxScores))];
    let dateIdx = -1;
    let wroteHeader = false;
    await forEachCsvLine(join(sharedData, 'boxscores/player_boxscores_2012-13_to_2020-21.csv.gz'), (line, header) => {
      if (!wroteHeader) {
        dateIdx = columnIndex(header, 'GAME_DATE');
        history.write(header + '\n');
        day.write(header + '\n');
        wroteHeader = true;
      }
      const date = line.split(',')[dateIdx];
      if (!date) return; // a few 2012-13 preseason rows have no date: nothing can be placed in time without one
      if (date < replayDay) history.write(line + '\n');
      else if (date === replayDay) day.write(line + '\n');
    });
    history.end();
    day.end();
    const schedule = createGzip();
    written.push(pipeline(schedule, createWriteStream(files.daySchedule)));
    let scheduleHeader = false;
    let scheduleDateIdx = -1;
    await forEachCsvLine(join(sharedData, `formats/schedules/nba_games_${season.replace('-', '_')}.csv.gz`), (line, header) => {
      if (!scheduleHeader) {
        scheduleDateIdx = columnIndex(header, 'GAME_DATE');
        schedule.write(header + '\n');
        scheduleHeader = true;
      }
      if (line.split(',')[scheduleDateIdx]?.startsWith(replayDay)) schedule.write(line + '\n');
    });
    schedule.end();
    await Promise.all(written);
    createWriteStream(join(outDir, `.done-${replayDay}`)).end('ok');
  }
  await forEachCsvLine(files.historyBoxScores, () => counts.historyRows++);
  await forEachCsvLine(files.dayBoxScores, () => counts.dayRows++);
  return { ...files, ...counts };
}
