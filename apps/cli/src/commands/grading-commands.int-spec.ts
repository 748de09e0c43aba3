import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { insertBoxScores, insertGame, insertPredictions, insertTeamsAndPlayers, seedSyntheticLeague } from '@propcast/grading/testing';
import { register as registerBacktest, storedFeatureSetId } from './backtest.command';
import { register as registerDrift } from './drift.command';
import { register as registerGrade } from './grade.command';

const DATE = '2024-01-10';

describe('propcast grade / backtest / drift', () => {
  let db: TestDatabase;
  let out: string;
  const saved = process.env.DATABASE_URL;
  const reports = mkdtempSync(join(tmpdir(), 'backtest-reports-'));

  /** Runs `propcast ...args` in-process and returns what it printed. */
  async function run(...args: string[]): Promise<string> {
    const program = new Command('propcast').exitOverride();
    for (const register of [registerGrade, registerBacktest, registerDrift]) register(program);
    out = '';
    const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += `${parts.join(' ')}\n`));
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await program.parseAsync(['node', 'propcast', ...args]);
      return out;
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    await insertTeamsAndPlayers(db.pool, [1, 2]);
    await insertGame(db.pool, 'G1', DATE, 'FINAL');
    await insertBoxScores(db.pool, [
      { playerId: 1, gameId: 'G1', gameDate: DATE, pts: 25 },
      { playerId: 2, gameId: 'G1', gameDate: DATE, pts: 10 },
    ]);
    const base = { gameId: 'G1', gameDate: DATE, stat: 'POINTS', modelId: 'points-v3', modelVersion: 3, book: 'bk', overPrice: -110, underPrice: -110 };
    await insertPredictions(db.pool, [
      { ...base, playerId: 1, predictedMean: 22, line: 22.5, overProbability: 0.6, recommendation: 'OVER' },
      { ...base, playerId: 2, predictedMean: 14, line: 12.5, overProbability: 0.7, recommendation: 'OVER' },
    ]);
    await seedSyntheticLeague(db.pool);
  });

  afterAll(async () => {
    process.env.DATABASE_URL = saved;
    await db?.drop();
    rmSync(reports, { recursive: true, force: true });
  });

  it('grades a date and prints the summary table', async () => {
    expect(await run('grade', 'run', '--date', DATE)).toBe(`${DATE}: 2 predictions, 2 graded (2 new or changed), 0 pending\n`);
    const table = await run('grade', 'summary', '--from', DATE, '--to', DATE);
    // MAE (3 + 4) / 2; one win at -110 and one loss
    expect(table).toMatch(/^POINTS\s+points-v3\s+3\s+2\s+3\.500\s+100\.0%\s+2\s+50\.0%\s+-4\.5%/m);
  });

  it('runs a backtest: terminal table with the proxy note and a self-contained HTML report', async () => {
    const text = await run(
      'backtest',
      '--from',
      '2023-11-10',
      '--to',
      '2023-12-29',
      '--stats',
      'POINTS',
      '--strategy',
      'ev/flat',
      'edge:0.02/kelly',
      '--feature-set',
      'bt@v1',
      '--retrain-every',
      '10',
      '--train-window',
      '60',
      '--min-train-rows',
      '200',
      '--rounds',
      '20',
      '--threads',
      '1',
      '--out',
      reports,
    );
    // 330 of the 1500 props come before the first walk-forward model (counted under "no model", not as props)
    expect(text).toContain('NOTE: 66.7% of props (780 of 1170)');
    expect(text).toMatch(/^POINTS\s+1170\s+390\s+780\s+330\s+0\s/m);
    expect(text.split('\n')[0]).toContain('on feature set bt@v1:');
    expect(text).toMatch(/^ev\/flat\s+\d+/m);
    const [html] = readdirSync(reports).filter((f) => f.endsWith('.html'));
    expect(text).toContain(`HTML report: ${join(reports, html)}`);
    expect(readFileSync(join(reports, html), 'utf8')).toContain('<svg');
  });

  it('backtests a feature set by version or id, and refuses one that is not stored, by name', async () => {
    expect(storedFeatureSetId('v2')).toBe('player-props@v2');
    expect(storedFeatureSetId(' bt@v1 ')).toBe('bt@v1');
    expect(storedFeatureSetId(undefined)).toBeUndefined();
    expect(() => storedFeatureSetId('v9')).toThrow(/v9[\s\S]*player-props@v1, player-props@v2/);
    // v2 is known to the code but has no rows in this store
    await expect(run('backtest', '--from', '2023-11-10', '--to', '2023-11-12', '--feature-set', 'v2', '--out', reports)).rejects.toThrow('unknown feature set player-props@v2');
  });

  it('refuses to fit a market combination for a model it does not know, naming it', async () => {
    await expect(run('grade', 'fit-combiner', '--model', 'no-such-model', '--as-of', DATE)).rejects.toThrow('no model no-such-model');
    await expect(run('grade', 'fit-combiner', '--as-of', DATE)).rejects.toThrow('give --model <id> or --production');
    expect(await run('grade', 'fit-combiner', '--production', '--as-of', DATE)).toBe('no production model to fit\n');
  });

  it('evaluates drift (no production model here) and lists reports', async () => {
    expect(await run('drift', '--no-publish')).toBe('no production model to evaluate\n');
    expect(await run('drift', 'reports')).toMatch(/^created\s+stat\s+model/);
  });
});
