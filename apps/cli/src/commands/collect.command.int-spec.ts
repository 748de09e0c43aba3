import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Command } from 'commander';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { freePort } from '@propcast/common';
import { register } from './collect.command';

describe('propcast collect', () => {
  let db: TestDatabase;
  let upstream: Server;
  let upstreamUrl = '';
  const saved: Record<string, string | undefined> = {};

  async function run(...args: string[]): Promise<{ out: string; exitCode: number | undefined }> {
    const program = new Command('propcast').exitOverride();
    register(program);
    let out = '';
    const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += `${parts.join(' ')}\n`));
    try {
      await program.parseAsync(['node', 'propcast', 'collect', ...args]);
      return { out, exitCode: process.exitCode === undefined ? undefined : Number(process.exitCode) };
    } finally {
      log.mockRestore();
      process.exitCode = undefined;
    }
  }

  function setEnv(env: Record<string, string | undefined>): void {
    for (const [k, v] of Object.entries(env)) {
      if (!(k in saved)) saved[k] = process.env[k];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    upstream = createServer((req, res) => {
      if (req.url === '/injuries/2018-10-18.csv') return void res.writeHead(404).end('Not Found');
      res
        .writeHead(200, { 'content-type': 'text/csv' })
        .end('Game Date,Game Time,Matchup,Team,Player Name,Current Status,Reason\n10/18/2018,07:00 (ET),CHI@PHI,Philadelphia 76ers,"Milton, Shake",Out,G League - Two-Way\n');
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    // Nothing listens on the ingestion port: the run stores the report and keeps it for the next run.
    setEnv({ DATABASE_URL: db.url, INGESTION_URL: `http://127.0.0.1:${await freePort()}`, INGESTION_API_KEY: 'collector-cli-key-0123456789', COLLECT_HTTP_ATTEMPTS: '1' });
  });

  afterAll(async () => {
    setEnv(saved);
    await new Promise<void>((r) => upstream.close(() => r()));
    await db.drop();
  });

  it('names a missing or malformed variable before doing anything', async () => {
    setEnv({ AVAILABILITY_REPORT_URL: undefined });
    await expect(run('availability', '--once')).rejects.toThrow(
      'invalid configuration: AVAILABILITY_REPORT_URL is required but not set (URL of the injury report in CSV form; {date} becomes the US Eastern date (YYYY-MM-DD))',
    );
    setEnv({ ODDS_API_KEY: 'k', ODDS_POLL_TIERS: '60:5,soon' });
    await expect(run('odds', '--once')).rejects.toThrow('invalid configuration: ODDS_POLL_TIERS is malformed: "60:5,soon": "soon" is not within:every in minutes (e.g. 60:5)');
    await expect(run('games', '--from', '2018-10-16')).rejects.toThrow('--from and --to go together');
    await expect(run('games', '--from', '2018-10-32', '--to', '2018-11-01')).rejects.toThrow('expected a date YYYY-MM-DD');
  });

  it('stores what it fetched, reports the unreachable ingestion API, exits 1, and keeps the report for the next run without storing it twice', async () => {
    setEnv({ AVAILABILITY_REPORT_URL: `${upstreamUrl}/injuries/latest.csv?d={date}` });
    const first = await run('availability', '--once', '--json');
    expect(first.exitCode).toBe(1);
    const report = JSON.parse(first.out) as { collector: string; changed: boolean; rows: number; errors: string[] };
    expect(report).toMatchObject({ collector: 'availability', changed: true, rows: 1 });
    expect(report.errors).toEqual([expect.stringMatching(/^ingestion API unreachable, snapshots kept for the next run: availability:[0-9a-f]{64}: .*ingestion API unreachable: fetch failed/)]);
    const pending = await db.pool.query(`SELECT kind, rows, posted_at, attempts FROM collector_snapshots`);
    expect(pending.rows).toEqual([{ kind: 'AVAILABILITY', rows: 1, posted_at: null, attempts: 1 }]);
    const status = await db.pool.query(`SELECT errors_total::int AS errors, last_success_at FROM collector_status WHERE collector = 'availability'`);
    expect(status.rows).toEqual([{ errors: 1, last_success_at: null }]);

    // Same report again: not stored twice, still pending.
    await run('availability', '--once');
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM collector_snapshots`)).rows[0].n).toBe(1);
  });
});
