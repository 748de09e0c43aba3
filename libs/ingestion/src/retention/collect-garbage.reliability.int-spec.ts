import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHarness, type IngestHarness } from '../testing/ingest-harness';
import { DEFAULT_INPUT_LIMITS } from '../input/input-limits';
import { createIngestionRepositories } from '../composition/ingestion-repositories';
import { ImportBatchUseCase } from '../usecases/import-batch.usecase';
import { CollectGarbageUseCase } from './collect-garbage.usecase';

const HEADER = 'GAME_ID,GAME_DATE,TEAM_ABBREVIATION,MATCHUP,PLAYER_ID,PLAYER_NAME,MIN,FGM,FGA,FG3M,FG3A,FTM,FTA,REB,AST,PTS';
const line = (player: number, game: number, pts = '13') => `00223${String(game).padStart(5, '0')},2023-10-24,DEN,DEN vs. LAL,${player},Player ${player},30:00,5,10,1,3,2,2,6,4,${pts}`;
const csv = (...lines: string[]) => Buffer.from(`${HEADER}\n${lines.join('\n')}\n`);
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Finding 8 of issue 13: rejected imports kept their raw bytes forever, and a killed import left files behind. */
describe('retention of rejected imports and what killed imports leave (reliability)', () => {
  let h: IngestHarness;
  const now = new Date();
  const old = new Date(now.getTime() - 40 * DAY);
  const importAt = (at: Date, limits = DEFAULT_INPUT_LIMITS) =>
    new ImportBatchUseCase({ pool: h.db.pool, artifacts: h.artifacts, events: h.outbox, repositories: createIngestionRepositories(), limits, now: () => at });
  const path = (uri: string) => fileURLToPath(uri);

  beforeAll(async () => {
    h = await createHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('keeps a rejected input only up to INGEST_REJECTED_RAW_MAX_BYTES', async () => {
    const big = csv(line(1, 1, 'many'), ...Array.from({ length: 20 }, (_, i) => line(100 + i, 1)));
    const report = await importAt(now, { ...DEFAULT_INPUT_LIMITS, maxRejectedRawBytes: 200 }).execute({ kind: 'BOX_SCORES', input: { bytes: big, fileName: 'big.csv' }, source: 'big.csv' });
    expect(report.status).toBe('REJECTED');
    expect(report.artifactUri).toBeNull();
    expect(report.flags['rawNotKept']).toBe(`${big.length} bytes, more than INGEST_REJECTED_RAW_MAX_BYTES (200)`);
    expect(await h.artifacts.list('raw/')).toEqual([]);
    const row = await h.db.pool.query(`SELECT artifact_uri, flags->>'rawNotKept' AS why FROM ingest_batches WHERE id = $1`, [report.batchId]);
    expect(row.rows[0]).toEqual({ artifact_uri: '', why: expect.stringContaining('INGEST_REJECTED_RAW_MAX_BYTES') });
  });

  it('purges rejected bytes past their retention, orphaned archives and stale temp files; keeps everything else', async () => {
    const oldRejected = await importAt(old).execute({ kind: 'BOX_SCORES', input: { bytes: csv(line(1, 2, 'x')), fileName: 'r.csv' }, source: 'r.csv' });
    const oldPartial = await importAt(old).execute({ kind: 'BOX_SCORES', input: { bytes: csv(line(2, 3), line(3, 3, 'x')), fileName: 'p.csv' }, source: 'p.csv', allowPartial: true });
    const oldAccepted = await importAt(old).execute({ kind: 'BOX_SCORES', input: { bytes: csv(line(4, 4)), fileName: 'a.csv' }, source: 'a.csv' });
    const newRejected = await importAt(now).execute({ kind: 'BOX_SCORES', input: { bytes: csv(line(5, 5, 'x')), fileName: 'n.csv' }, source: 'n.csv' });
    expect([oldRejected.status, oldPartial.status, oldAccepted.status, newRejected.status]).toEqual(['REJECTED', 'PARTIAL', 'ACCEPTED', 'REJECTED']);
    // What a killed import leaves: an archive without its batch row (old and recent), and temp files (stale and fresh).
    const orphan = await h.artifacts.put('raw/box-scores/2026-01-01/ib-20260101-000000-abcdef.csv.gz', Buffer.from('x'));
    const fresh = `ib-${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-fedcba`;
    const runningImport = await h.artifacts.put(`raw/box-scores/${now.toISOString().slice(0, 10)}/${fresh}.csv.gz`, Buffer.from('y'));
    mkdirSync(join(h.artifacts.root, 'raw/box-scores'), { recursive: true });
    const staleTemp = join(h.artifacts.root, 'raw/box-scores/x.csv.gz.0123456789ab.artifact-tmp');
    const freshTemp = join(h.artifacts.root, 'raw/box-scores/y.csv.gz.ba9876543210.artifact-tmp');
    writeFileSync(staleTemp, 'partial');
    writeFileSync(freshTemp, 'partial');
    utimesSync(staleTemp, new Date(now.getTime() - 7 * HOUR), new Date(now.getTime() - 7 * HOUR));

    const gc = new CollectGarbageUseCase({ pool: h.db.pool, artifacts: h.artifacts, now: () => now });
    const cmd = { rejectRetentionDays: 30, graceMs: 6 * HOUR };
    const dry = await gc.execute({ ...cmd, dryRun: true });
    expect(dry).toEqual({ rejectedBatches: 2, rejectedArtifacts: 2, orphanedArtifacts: 1, temporaries: 0 });
    expect(existsSync(path(oldRejected.artifactUri!))).toBe(true);

    expect(await gc.execute(cmd)).toEqual({ rejectedBatches: 2, rejectedArtifacts: 2, orphanedArtifacts: 1, temporaries: 1 });
    expect(existsSync(path(oldRejected.artifactUri!))).toBe(false);
    expect(existsSync(path(oldPartial.rejectUri!))).toBe(false);
    for (const kept of [oldPartial.artifactUri!, oldAccepted.artifactUri!, newRejected.artifactUri!, runningImport.uri]) expect(existsSync(path(kept))).toBe(true);
    expect(existsSync(path(orphan.uri))).toBe(false);
    expect([existsSync(staleTemp), existsSync(freshTemp)]).toEqual([false, true]);

    const rows = await h.db.pool.query(`SELECT id, status::text, artifact_uri, reject_uri, flags->>'purgedAt' AS purged FROM ingest_batches WHERE id = ANY($1) ORDER BY id`, [
      [oldRejected.batchId, oldPartial.batchId],
    ]);
    expect(rows.rows).toEqual(
      expect.arrayContaining([
        { id: oldRejected.batchId, status: 'REJECTED', artifact_uri: '', reject_uri: null, purged: now.toISOString() },
        { id: oldPartial.batchId, status: 'PARTIAL', artifact_uri: oldPartial.artifactUri, reject_uri: null, purged: now.toISOString() },
      ]),
    );
    // Nothing left to collect: a second run is a no-op.
    expect(await gc.execute(cmd)).toEqual({ rejectedBatches: 0, rejectedArtifacts: 0, orphanedArtifacts: 0, temporaries: 0 });
  });
});
