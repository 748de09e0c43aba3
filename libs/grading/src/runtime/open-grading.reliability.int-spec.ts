import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createEvent } from '@propcast/contracts';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { TcpProxy } from '@propcast/messaging/testing';
import { openGrading } from './open-grading';

const REDIS_URL = new URL(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');

/** The CLI's events (drift's retrain.requested) go through the outbox too: Redis down at the time loses nothing. */
describe('a standalone grading process with Redis down (reliability)', () => {
  let db: TestDatabase;
  let artifacts: string;
  let proxy: TcpProxy;

  beforeAll(async () => {
    db = await createTestDatabase();
    artifacts = mkdtempSync(join(tmpdir(), 'propcast-open-grading-'));
    proxy = await new TcpProxy(REDIS_URL.hostname, Number(REDIS_URL.port || 6379)).up();
    await proxy.down();
  });

  afterAll(async () => {
    await proxy.down();
    await db?.drop();
    rmSync(artifacts, { recursive: true, force: true });
  });

  it('keeps the event it publishes in the outbox, pending, after closing', async () => {
    const open = openGrading({
      withEvents: true,
      env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: proxy.url('redis'), ARTIFACT_STORE_URI: artifacts, EVENT_TOPIC_PREFIX: `test-${randomBytes(6).toString('hex')}-` },
    });
    const event = createEvent('retrain.requested', { stats: ['PRA'], reason: 'drift' }, 'test');
    await expect(open.bus?.publish(event)).resolves.toBe(event.id);
    await open.close();
    const stored = await db.pool.query(`SELECT event_type, published_at FROM outbox WHERE event_id = $1`, [event.id]);
    expect(stored.rows).toEqual([{ event_type: 'retrain.requested', published_at: null }]);
  }, 30_000);
});
