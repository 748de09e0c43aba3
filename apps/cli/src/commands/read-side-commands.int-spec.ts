import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { createArtifactStore } from '@propcast/artifact-store';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { seedSlate, type SeededSlate } from '@propcast/read-model/testing';
import { register as registerBets } from './bets.command';
import { register as registerPicks } from './picks.command';
import { register as registerPrice } from './price.command';

const DATE = '2025-02-03';

describe('propcast picks / price / bets', () => {
  let db: TestDatabase;
  let artifacts: string;
  let slate: SeededSlate;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, ARTIFACT_STORE_URI: process.env.ARTIFACT_STORE_URI };

  /** Runs `propcast ...args` in-process and returns what it printed on stdout. */
  async function run(...args: string[]): Promise<string> {
    const program = new Command('propcast').exitOverride();
    for (const register of [registerPicks, registerPrice, registerBets]) register(program);
    let out = '';
    const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += `${parts.join(' ')}\n`));
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await program.parseAsync(['node', 'propcast', ...args]);
      return out;
    } finally {
      log.mockRestore();
      write.mockRestore();
      err.mockRestore();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    artifacts = mkdtempSync(join(tmpdir(), 'propcast-cli-read-'));
    slate = await seedSlate(db.pool, createArtifactStore(artifacts), { date: DATE, games: 2, playersPerTeam: 2, proxyStats: ['THREES'], seed: 9 });
    process.env.DATABASE_URL = db.url;
    process.env.ARTIFACT_STORE_URI = artifacts;
  });

  afterAll(async () => {
    process.env.DATABASE_URL = saved.DATABASE_URL;
    process.env.ARTIFACT_STORE_URI = saved.ARTIFACT_STORE_URI;
    await db?.drop();
    rmSync(artifacts, { recursive: true, force: true });
  });

  it('prints the picks of a date as a table with line sources, as JSON and as CSV', async () => {
    const json = JSON.parse(await run('picks', '--date', DATE, '--call', 'all', '--json'));
    expect(json.picks).toHaveLength(slate.playerIds.length * 5);
    const table = await run('picks', '--date', DATE, '--call', 'all');
    expect(table).toMatch(/^game\s+player\s+stat\s+call\s+side\s+line\s+price\s+book\s+source/m);
    // One row per pick, its source in the row.
    expect(table.match(/ (REAL|PROXY)\s+\d+\.\d%/g)).toHaveLength(json.picks.length);
    expect(table).toContain(`${json.lineSources.REAL} at REAL books' prices, ${json.lineSources.PROXY} at PROXY lines`);
    expect(table).toContain('1-800-GAMBLER');
    const csv = await run('picks', '--date', DATE, '--stat', 'threes', '--call', 'all', '--csv');
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(1 + slate.playerIds.length);
    const source = lines[0].split(',').indexOf('lineSource');
    for (const line of lines.slice(1)) expect(line.split(',')[source]).toBe('PROXY');
    const edged = JSON.parse(await run('picks', '--date', DATE, '--min-edge', '0.05', '--json'));
    for (const p of edged.picks) expect(p.edge).toBeGreaterThanOrEqual(0.05);
  });

  it('names a bad option in its error', async () => {
    await expect(run('picks', '--date', '2025-02-30')).rejects.toThrow(/date: must be a date/);
    await expect(run('picks', '--date', DATE, '--min-edge', 'x')).rejects.toThrow(/minEdge: must be a number/);
  });

  it('prices a what-if line and logs and lists a bet', async () => {
    const player = String(slate.playerIds[0]);
    const price = await run('price', '--player', player, '--stat', 'POINTS', '--line', '0.5', '--over', '-200', '--date', DATE);
    expect(price).toMatch(/P\(over\) 9\d\.\d%/);
    expect(price).toContain('call: OVER');
    const json = JSON.parse(await run('price', '--player', player, '--stat', 'POINTS', '--line', '80.5', '--date', DATE, '--json'));
    expect(json).toMatchObject({ recommendation: 'UNDER', lineSource: 'USER', flags: ['assumed_price'] });

    expect(await run('bets', 'add', '--player', player, '--date', DATE, '--stat', 'POINTS', '--side', 'over', '--line', '12.5', '--price', '-105', '--stake', '20', '--book', 'fanduel')).toMatch(
      /^bet \d+ recorded: OVER 12.5 POINTS at -105 \(fanduel, REAL\), stake 20, OPEN/,
    );
    const list = await run('bets', '--date', DATE);
    expect(list).toMatch(/^total\s+1\s+20\.00\s+20\.00\s+0\s/m);
  });
});
