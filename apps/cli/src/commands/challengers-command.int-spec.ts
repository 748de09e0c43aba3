import { Command } from 'commander';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { seedChallengerEvidence } from '@propcast/grading/testing';
import { register as registerGrade } from './grade.command';
import { register as registerModels } from './models.command';

describe('propcast grade challengers (promotion by evidence on real prices)', () => {
  let db: TestDatabase;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, PROMOTION_AUTO: process.env.PROMOTION_AUTO };

  /** Runs `propcast ...args` in-process and returns what it printed. */
  async function run(...args: string[]): Promise<string> {
    const program = new Command('propcast').exitOverride();
    registerGrade(program);
    registerModels(program);
    let out = '';
    const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += `${parts.join(' ')}\n`));
    const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await program.parseAsync(['node', 'propcast', ...args]);
      return out;
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  }
  const roles = async () =>
    (await db.pool.query<{ id: string; status: string; role: string }>(`SELECT id, status::text, role::text FROM models ORDER BY id`)).rows.map((m) => `${m.id} ${m.status} ${m.role}`);
  const range = ['--from', '2025-01-01', '--to', '2025-01-30'];

  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    delete process.env.PROMOTION_AUTO;
    await seedChallengerEvidence(db.pool);
  }, 120_000);

  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await db?.drop();
  });

  it('prints one row per shadow against production and writes nothing without --propose', async () => {
    const table = await run('grade', 'challengers', ...range);
    expect(table).toMatch(/^Challengers against production on graded real-priced props 2025-01-01\.\.2025-01-30 \(proposal: at least 500 props, one-sided p < 0\.05; automatic promotion off\)/);
    expect(table).toMatch(/THREES\s+threes-v2\s+SHADOW\s+threes-v1\s+paired\s+900 .* proposed\n/);
    expect(table).toMatch(/THREES\s+threes-v3\s+SHADOW\s+threes-v1\s+paired\s+900 .* not_better\n/);
    expect((await db.pool.query('SELECT 1 FROM promotion_proposals')).rowCount).toBe(0);
  });

  it('--propose records the proposal but promotes nothing while PROMOTION_AUTO is off', async () => {
    const before = await roles();
    const report = JSON.parse(await run('grade', 'challengers', ...range, '--propose', '--json'));
    expect(report.pairs[0]).toMatchObject({ challengerModelId: 'threes-v2', verdict: 'proposed', proposal: { status: 'PROPOSED' } });
    expect(await roles()).toEqual(before);
  });

  it('with PROMOTION_AUTO=true promotes through the registry (audited, and rollback still works)', async () => {
    process.env.PROMOTION_AUTO = 'true';
    const report = JSON.parse(await run('grade', 'challengers', ...range, '--propose', '--json'));
    expect(report.pairs[0]).toMatchObject({ challengerModelId: 'threes-v2', verdict: 'promoted', proposal: { status: 'PROMOTED' } });
    expect(await roles()).toEqual(['threes-v1 ARCHIVED PRIMARY', 'threes-v2 PRODUCTION PRIMARY', 'threes-v3 PRODUCTION SHADOW']);
    const event = await db.pool.query(`SELECT actor, reason FROM model_events WHERE model_id = 'threes-v2' AND action = 'promote'`);
    expect(event.rows[0].actor).toBe('grading:evidence');
    expect(event.rows[0].reason).toMatch(/^promotion by evidence: shadow threes-v2 beats production threes-v1 \(THREES\) on 900 graded real-priced props/);
    await run('models', 'rollback', '--stat', 'THREES', '--reason', 'test rollback');
    expect((await roles())[0]).toBe('threes-v1 PRODUCTION PRIMARY');
  });
});
