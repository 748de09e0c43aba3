// `npm run bench:ingest`: imports nine seasons of real player box scores (regular season, play-in and playoffs of
// 2012-13 to 2020-21: 294,293 rows) into an EMPTY database through the real import use case (parse, validation,
// one transaction, raw archive, audit row, events on Redis Streams), and measures a plain COPY of the same file
// into a bare table in the same run as the floor. Prints a table and writes var/bench/ingest.json.
import { createReadStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import { from as copyFrom } from 'pg-copy-streams';
import type { Pool } from 'pg';
import { FileArtifactStore } from '@propcast/artifact-store';
import { withPgTransaction } from '@propcast/db';
import { createTestDatabase, prepareTestTemplate } from '@propcast/db/testing';
import { createIngestionRepositories, ImportBatchUseCase } from '@propcast/ingestion';
import { Outbox, RedisStreamsEventBus } from '@propcast/messaging';
import { Redis } from 'ioredis';
import { keyValueLines } from '@propcast/reporting';

const ROOT = resolve(__dirname, '../..');
const SOURCE = join(process.env['PROPCAST_SHARED_DATA'] ?? resolve(__dirname, '../../../shared/data'), 'boxscores/player_boxscores_2012-13_to_2020-21.csv.gz');
const OUT_DIR = join(ROOT, 'var/bench');
const TARGET_ROWS_PER_SECOND = 50_000;
const TARGET_OVER_COPY = 3;

/** The benchmark input: every non-preseason row of the main dataset (preseason holds exhibitions against non-NBA clubs). */
function benchInput(): { bytes: Buffer; rows: number; columns: string[] } {
  const text = gunzipSync(readFileSync(process.env['BENCH_SOURCE'] ?? SOURCE)).toString('utf8');
  const lines = text.split('\n').filter((l) => l.length > 0);
  const header = lines[0];
  const seasonType = header.split(',').indexOf('SEASON_TYPE');
  const kept = lines.slice(1).filter((l) => l.split(',', seasonType + 1)[seasonType] !== 'Preseason');
  return { bytes: gzipSync(`${[header, ...kept].join('\n')}\n`), rows: kept.length, columns: header.split(',') };
}

/** Seconds to COPY the file (gunzipped on the fly) into a table of text columns without index or constraint. */
async function bareCopySeconds(pool: Pool, file: string, columns: string[]): Promise<number> {
  await pool.query(`DROP TABLE IF EXISTS bench_bare_copy`);
  await pool.query(`CREATE TABLE bench_bare_copy (${columns.map((c) => `"${c}" text`).join(', ')})`);
  const t0 = performance.now();
  await withPgTransaction(pool, (client) => pipeline(createReadStream(file), createGunzip(), client.query(copyFrom('COPY bench_bare_copy FROM STDIN (FORMAT csv, HEADER true)'))));
  const seconds = (performance.now() - t0) / 1000;
  await pool.query(`DROP TABLE bench_bare_copy`);
  return seconds;
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const input = benchInput();
  const file = join(OUT_DIR, 'ingest-input.csv.gz');
  writeFileSync(file, input.bytes);
  const artifactsDir = join(OUT_DIR, 'ingest-artifacts');
  rmSync(artifactsDir, { recursive: true, force: true });

  await prepareTestTemplate(join(ROOT, 'prisma/migrations'));
  const db = await createTestDatabase();
  const prefix = `bench-${Date.now()}-`;
  const bus = new RedisStreamsEventBus({ transport: 'redis-streams', topicPrefix: prefix, idempotency: false });
  try {
    const copyBefore = await bareCopySeconds(db.pool, file, input.columns);
    let parsedAt = 0;
    const useCase = new ImportBatchUseCase({ pool: db.pool, artifacts: new FileArtifactStore(artifactsDir), events: new Outbox(db.pool, bus), repositories: createIngestionRepositories() });
    const t0 = performance.now();
    const report = await useCase.execute({
      kind: 'BOX_SCORES',
      input: { bytes: readFileSync(file), fileName: 'ingest-input.csv.gz' },
      source: 'bench',
      onProgress: (p) => {
        if (p.phase === 'write' && parsedAt === 0) parsedAt = performance.now();
      },
    });
    const importSeconds = (performance.now() - t0) / 1000;
    const copyAfter = await bareCopySeconds(db.pool, file, input.columns);
    if (report.status !== 'ACCEPTED' || report.rows.inserted !== input.rows) {
      throw new Error(`import did not load every row: ${report.status}, ${report.message}`);
    }
    const copySeconds = (copyBefore + copyAfter) / 2;
    const rowsPerSecond = Math.round(input.rows / importSeconds);
    const overCopy = Math.round((importSeconds / copySeconds) * 100) / 100;
    const rows = [
      ['rows', String(input.rows)],
      ['import (parse, validate, one transaction, archive, audit, events)', `${importSeconds.toFixed(2)} s`],
      ['  of which parse, validate and stream into COPY', `${((parsedAt - t0) / 1000).toFixed(2)} s`],
      ['  rows/s', `${rowsPerSecond} (target >= ${TARGET_ROWS_PER_SECOND}: ${rowsPerSecond >= TARGET_ROWS_PER_SECOND ? 'met' : 'MISSED'})`],
      ['bare COPY of the same file (mean of before/after)', `${copySeconds.toFixed(2)} s (${copyBefore.toFixed(2)} / ${copyAfter.toFixed(2)})`],
      ['  rows/s', String(Math.round(input.rows / copySeconds))],
      ['import / bare COPY', `${overCopy}x (target <= ${TARGET_OVER_COPY}x: ${overCopy <= TARGET_OVER_COPY ? 'met' : 'MISSED'})`],
      ['events published', String(report.events.published)],
    ];
    console.log(keyValueLines(rows));
    writeFileSync(
      join(OUT_DIR, 'ingest.json'),
      `${JSON.stringify({ rows: input.rows, rowsPerSecond, overCopy, importSeconds, copySeconds, parseSeconds: (parsedAt - t0) / 1000, measuredAt: new Date().toISOString() }, null, 2)}\n`,
    );
  } finally {
    const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    await redis.del(bus.streamFor('ingestion.completed'));
    redis.disconnect();
    await bus.close();
    await db.drop();
    rmSync(artifactsDir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(`bench:ingest failed: ${err.message}`);
  process.exit(1);
});
