import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { FileArtifactStore } from '@propcast/artifact-store';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { Outbox, RedisStreamsEventBus } from '@propcast/messaging';
import type { IngestionCompletedData } from '@propcast/contracts';
import { createIngestionRepositories, ImportBatchUseCase, type ImportBatchCommand, type ImportReport } from '..';

/** The shared real datasets (../shared/data from the workspace; PROPCAST_SHARED_DATA overrides). */
export const DATA_DIR = process.env['PROPCAST_SHARED_DATA'] ?? resolve(__dirname, '../../../../../shared/data');

/** Path of a file under the shared data folder. */
export function dataFile(...parts: string[]): string {
  return join(DATA_DIR, ...parts);
}

/** The header and the first `n` data lines of a (gzipped) CSV, optionally filtered, as CSV bytes. */
export function csvSlice(file: string, n: number, keep: (line: string) => boolean = () => true): Buffer {
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const [header, ...lines] = text.split('\n').filter((l) => l.length > 0);
  return Buffer.from(`${[header, ...lines.filter(keep).slice(0, n)].join('\n')}\n`);
}

/** Gzips bytes (to import a slice as a .csv.gz). */
export function gz(bytes: Buffer): Buffer {
  return gzipSync(bytes);
}

/** Row counts of the tables an import may touch. */
export interface TableCounts {
  teams: number;
  players: number;
  games: number;
  player_game_stats: number;
  stat_corrections: number;
  prop_lines: number;
  ingest_batches: number;
}

/** A migrated database of its own, a folder artifact store, and a Redis Streams bus on a private prefix. */
export interface IngestHarness {
  db: TestDatabase;
  artifacts: FileArtifactStore;
  bus: RedisStreamsEventBus;
  outbox: Outbox;
  useCase: ImportBatchUseCase;
  /** Imports bytes as a file named `fileName`. */
  ingest(kind: ImportBatchCommand['kind'], bytes: Buffer, fileName: string, opts?: Partial<ImportBatchCommand>): Promise<ImportReport>;
  counts(): Promise<TableCounts>;
  /** The ingestion.completed events published so far on this harness's stream. */
  events(): Promise<IngestionCompletedData[]>;
  close(): Promise<void>;
}

/** Creates a harness; call close() in afterAll. */
export async function createHarness(): Promise<IngestHarness> {
  const db = await createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'propcast-ingest-'));
  const artifacts = new FileArtifactStore(dir);
  const prefix = `test-${randomBytes(6).toString('hex')}-`;
  const bus = new RedisStreamsEventBus({ transport: 'redis-streams', topicPrefix: prefix, idempotency: false });
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const outbox = new Outbox(db.pool, bus);
  const useCase = new ImportBatchUseCase({ pool: db.pool, artifacts, events: outbox, repositories: createIngestionRepositories() });
  return {
    db,
    artifacts,
    bus,
    outbox,
    useCase,
    ingest: (kind, bytes, fileName, opts = {}) => useCase.execute({ kind, input: { bytes, fileName }, source: fileName, ...opts }),
    async counts() {
      const tables = ['teams', 'players', 'games', 'player_game_stats', 'stat_corrections', 'prop_lines', 'ingest_batches'];
      const result = await db.pool.query<Record<string, number>>(`SELECT ${tables.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`);
      return result.rows[0] as unknown as TableCounts;
    },
    async events() {
      const entries = await redis.xrange(bus.streamFor('ingestion.completed'), '-', '+');
      return entries.map(([, fields]) => (JSON.parse(fields[fields.indexOf('event') + 1]) as { data: IngestionCompletedData }).data);
    },
    async close() {
      await redis.del(bus.streamFor('ingestion.completed'));
      redis.disconnect();
      await outbox.stop();
      await bus.close();
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One file of a .tar.gz archive (ustar: 512-byte headers, octal sizes), e.g. The Odds API prop CSVs. */
export function tarEntry(archive: string, name: string): Buffer {
  const tar = gunzipSync(readFileSync(archive));
  for (let offset = 0; offset + 512 <= tar.length;) {
    const entryName = tar
      .subarray(offset, offset + 100)
      .toString('utf8')
      .replace(/\0.*$/s, '');
    if (!entryName) break;
    const size = parseInt(
      tar
        .subarray(offset + 124, offset + 136)
        .toString('utf8')
        .replace(/\0.*$/s, '')
        .trim() || '0',
      8,
    );
    if (entryName === name || entryName.endsWith(`/${name}`)) return tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${name} is not in ${archive}`);
}
