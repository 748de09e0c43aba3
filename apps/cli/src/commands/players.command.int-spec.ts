import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { register } from './players.command';

interface Run {
  code: number;
  out: string;
  err: string;
}

describe('propcast players alias', () => {
  let db: TestDatabase;
  let dir: string;
  const saved: Record<string, string | undefined> = {};

  /** Runs `propcast players ...args` in-process and returns its exit code and output. */
  async function run(...args: string[]): Promise<Run> {
    const program = new Command('propcast').exitOverride();
    register(program);
    let out = '';
    let err = '';
    const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += `${parts.join(' ')}\n`));
    const error = jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void (err += `${parts.join(' ')}\n`));
    try {
      process.exitCode = undefined;
      await program.parseAsync(['node', 'propcast', 'players', ...args]);
      return { code: Number(process.exitCode ?? 0), out, err };
    } finally {
      process.exitCode = undefined;
      log.mockRestore();
      error.mockRestore();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'propcast-cli-players-'));
    const env = { DATABASE_URL: db.url, ARTIFACT_STORE_URI: join(dir, 'artifacts'), EVENT_TOPIC_PREFIX: `test-${randomBytes(6).toString('hex')}-` };
    for (const [k, v] of Object.entries(env)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    await db.pool.query(`INSERT INTO players (id, name, normalized_name, updated_at) VALUES (1630538, 'Bones Hyland', 'bones hyland', now()), (203999, 'Nikola Jokic', 'nikola jokic', now())`);
  });

  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds, lists and removes aliases', async () => {
    const added = await run('alias', 'add', "Nah'Shon Hyland", '--player', '1630538', '--reason', 'his legal name', '--by', 'tester');
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/^added "nahshon hyland" → Bones Hyland \(1630538\) at every book: his legal name \(tester, \d{4}-/);
    expect((await run('alias', 'add', 'The Joker', '--player', '203999', '--book', 'DraftKings', '--reason', 'promo', '--by', 'tester')).code).toBe(0);

    const listed = await run('alias', 'list', '--json');
    expect(JSON.parse(listed.out).map((a: { alias: string; book: string; playerId: number }) => [a.alias, a.book, a.playerId])).toEqual([
      ['nahshon hyland', '', 1630538],
      ['the joker', 'draftkings', 203999],
    ]);
    expect((await run('alias', 'list', '--player', '203999')).out).toMatch(/^"the joker" → Nikola Jokic \(203999\) at draftkings: promo/);

    const removed = await run('alias', 'remove', 'The Joker', '--book', 'draftkings');
    expect(removed.code).toBe(0);
    expect(removed.out).toMatch(/^removed "the joker"/);
    expect((await run('alias', 'list', '--player', '203999')).out).toBe('no aliases\n');
  });

  it('exits 2 with the reason on a refused change, changing nothing', async () => {
    const unknown = await run('alias', 'add', 'Someone', '--player', '42', '--reason', 'r');
    expect(unknown).toMatchObject({ code: 2, err: 'refused (PLAYER_NOT_FOUND): player 42 is not stored\n' });
    const taken = await run('alias', 'add', 'Nahshon Hyland', '--player', '203999', '--reason', 'r');
    expect(taken).toMatchObject({ code: 2, err: 'refused (ALIAS_TAKEN): "nahshon hyland" is already the alias of Bones Hyland (1630538): remove it first\n' });
    const gone = await run('alias', 'remove', 'The Joker');
    expect(gone).toMatchObject({ code: 2, err: 'refused (NOT_FOUND): no alias "the joker" for every book\n' });
    expect(JSON.parse((await run('alias', 'list', '--json')).out)).toHaveLength(1);
  });

  it('records the user running the CLI when --by is not given', async () => {
    const added = await run('alias', 'add', 'Bones H', '--player', '1630538', '--reason', 'short form', '--json');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.out).alias).toMatchObject({ alias: 'bones h', createdBy: expect.stringMatching(/^cli:.+/) });
  });
});
