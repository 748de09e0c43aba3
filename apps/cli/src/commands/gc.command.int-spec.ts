import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { register } from './gc.command';

describe('propcast gc', () => {
  let db: TestDatabase;
  let dir: string;
  const saved: Record<string, string | undefined> = {};

  async function run(...args: string[]): Promise<string> {
    const program = new Command('propcast').exitOverride();
    register(program);
    let out = '';
    const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += `${parts.join(' ')}\n`));
    try {
      await program.parseAsync(['node', 'propcast', 'gc', ...args]);
      return out;
    } finally {
      log.mockRestore();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'propcast-cli-gc-'));
    const env = { DATABASE_URL: db.url, ARTIFACT_STORE_URI: join(dir, 'artifacts'), EVENT_TOPIC_PREFIX: `test-${randomBytes(6).toString('hex')}-` };
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
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('removes a stale temp file and old published outbox rows, keeps pending ones, and reports it', async () => {
    mkdirSync(join(dir, 'artifacts/raw'), { recursive: true });
    const temp = join(dir, 'artifacts/raw/a.csv.gz.0123456789ab.artifact-tmp');
    writeFileSync(temp, 'partial');
    const longAgo = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(temp, longAgo, longAgo);
    await db.pool.query(
      `INSERT INTO outbox (event_id, event_type, aggregate_key, payload, created_at, next_attempt_at, published_at)
       VALUES ('e-old', 'ingestion.completed', NULL, '{}'::jsonb, now() - interval '10 days', now(), now() - interval '10 days'),
              ('e-pending', 'ingestion.completed', NULL, '{}'::jsonb, now() - interval '10 days', now(), NULL)`,
    );

    const dry = JSON.parse(await run('--dry-run', '--json'));
    expect(dry).toEqual({ dryRun: true, rejectedBatches: 0, rejectedArtifacts: 0, orphanedArtifacts: 0, temporaries: 0, outboxRows: 0 });
    expect(existsSync(temp)).toBe(true);

    const done = JSON.parse(await run('--json'));
    expect(done).toEqual({ dryRun: false, rejectedBatches: 0, rejectedArtifacts: 0, orphanedArtifacts: 0, temporaries: 1, outboxRows: 1 });
    expect(existsSync(temp)).toBe(false);
    const left = await db.pool.query(`SELECT event_id FROM outbox ORDER BY event_id`);
    expect(left.rows).toEqual([{ event_id: 'e-pending' }]);
  });
});
