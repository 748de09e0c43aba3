import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { Redis } from 'ioredis';
import { streamName } from '@propcast/contracts';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { TEST_AUTH_ENV, TEST_KEYS } from '@propcast/observability/testing';
import { register } from './ingest.command';

const ROOT = resolve(__dirname, '../../../..');
const HEADER = 'GAME_ID,GAME_DATE,TEAM_ABBREVIATION,MATCHUP,PLAYER_ID,PLAYER_NAME,MIN,FGM,FGA,FG3M,FG3A,FTM,FTA,REB,AST,PTS';
const line = (player: number, min = '30:00', game = 1) => `00223${String(game).padStart(5, '0')},2023-10-24,DEN,DEN vs. LAL,${player},Player ${player},${min},5,10,1,3,2,2,6,4,13`;

interface Run {
  code: number;
  out: string;
  err: string;
}

describe('propcast ingest', () => {
  let db: TestDatabase;
  let dir: string;
  const env: Record<string, string> = {};
  const saved: Record<string, string | undefined> = {};

  /** Runs `propcast ingest ...args` in-process and returns its exit code and output. */
  async function run(...args: string[]): Promise<Run> {
    const program = new Command('propcast').exitOverride();
    register(program);
    let out = '';
    let err = '';
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
    const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += `${parts.join(' ')}\n`));
    try {
      process.exitCode = undefined;
      await program.parseAsync(['node', 'propcast', 'ingest', ...args, '--quiet']);
      return { code: Number(process.exitCode ?? 0), out, err };
    } finally {
      process.exitCode = undefined;
      stdout.mockRestore();
      stderr.mockRestore();
      log.mockRestore();
    }
  }

  function file(name: string, ...lines: string[]): string {
    const path = join(dir, name);
    writeFileSync(path, `${HEADER}\n${lines.join('\n')}\n`);
    return path;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'propcast-cli-ingest-'));
    Object.assign(env, { DATABASE_URL: db.url, ARTIFACT_STORE_URI: join(dir, 'artifacts'), EVENT_TOPIC_PREFIX: `test-${randomBytes(6).toString('hex')}-` });
    for (const [k, v] of Object.entries(env)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });

  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    await redis.del(streamName('ingestion.completed', env['EVENT_TOPIC_PREFIX']));
    redis.disconnect();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a file in-process (exit 0) and says so when the same file comes again (exit 0, duplicate)', async () => {
    const path = file('day1.csv', line(1), line(2));
    const first = await run('box-scores', path);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/day1\.csv: ACCEPTED batch ib-\S+: imported 2 rows \(2 new, 0 updated, 0 unchanged\) for 1 game date/);
    const again = await run('box-scores', path);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/DUPLICATE batch ib-\S+: already imported as batch ib-/);
  });

  it('exits 2 on a rejected file and lists every problem as row and field', async () => {
    const result = await run('box-scores', file('bad.csv', line(3), line(4, '71:00')));
    expect(result.code).toBe(2);
    expect(result.out).toContain('bad.csv: REJECTED');
    expect(result.out).toContain('  row 3, field MIN: 71 is out of range (0 to 70)');
  });

  it('exits 3 on a partial import (--allow-partial) and names the reject file', async () => {
    const result = await run('box-scores', file('partial.csv', line(5), line(6, '80:00')), '--allow-partial');
    expect(result.code).toBe(3);
    expect(result.out).toMatch(/rejected rows with reasons: file:\/\/.+\/rejects\/ib-\S+\.ndjson\.gz/);
  });

  it('prints machine-readable reports with --json, changes nothing with --dry-run, and exits 1 on a missing file', async () => {
    const result = await run('box-scores', file('dry.csv', line(7)), join(dir, 'missing.csv'), '--json', '--dry-run');
    expect(result.code).toBe(1);
    const reports = JSON.parse(result.out) as { status: string; dryRun: boolean; rows: { inserted: number } }[];
    expect(reports).toEqual([expect.objectContaining({ status: 'ACCEPTED', dryRun: true, rows: expect.objectContaining({ inserted: 1 }) })]);
    expect(result.err).toMatch(/missing\.csv: ENOENT/);
    const stored = await db.pool.query(`SELECT count(*)::int AS n FROM player_game_stats WHERE player_id = 7`);
    expect(stored.rows[0].n).toBe(0);
  });

  describe('with --api', () => {
    let service: ChildProcess;
    let api: string;

    beforeAll(async () => {
      const port = await new Promise<number>((done) => {
        const srv = createServer().listen(0, '127.0.0.1', () => {
          const p = (srv.address() as { port: number }).port;
          srv.close(() => done(p));
        });
      });
      api = `http://127.0.0.1:${port}`;
      service = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/ingestion/src/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, ...env, ...TEST_AUTH_ENV, PORT: String(port), LOG_LEVEL: 'warn' },
        stdio: 'ignore',
      });
      for (const deadline = Date.now() + 45_000; ;) {
        if (
          await fetch(`${api}/health`).then(
            (r) => r.ok,
            () => false,
          )
        )
          break;
        if (Date.now() > deadline) throw new Error('the ingestion service did not start');
        await new Promise((r) => setTimeout(r, 250));
      }
    }, 60_000);

    afterAll(() => {
      service.kill('SIGTERM');
    });

    it('sends each file to the service: the worst outcome decides the exit code', async () => {
      const ok = file('api-ok.csv', line(8, '30:00', 2));
      const bad = file('api-bad.csv', line(9, '90:00', 2));
      const result = await run('box-scores', ok, bad, '--api', api, '--api-key', TEST_KEYS.full, '--json');
      expect(result.code).toBe(2);
      const reports = JSON.parse(result.out) as { status: string; source: string; errors: string[] }[];
      expect(reports.map((r) => [r.status, r.source])).toEqual([
        ['ACCEPTED', 'http:api-ok.csv'],
        ['REJECTED', 'http:api-bad.csv'],
      ]);
      expect(reports[1].errors).toEqual(['row 2, field MIN: 90 is out of range (0 to 70)']);
    });

    it('needs an API key of API_KEYS: none gets 401, a read key 403, each named', async () => {
      const ok = file('api-nokey.csv', line(10, '30:00', 3));
      const none = await run('box-scores', ok, '--api', api);
      expect(none.code).toBe(1);
      expect(none.err).toMatch(/answered 401: an API key is required/);
      const read = await run('box-scores', ok, '--api', api, '--api-key', TEST_KEYS.read);
      expect(read.err).toMatch(/answered 403: API key reader is read-only/);
    });
  });
});
