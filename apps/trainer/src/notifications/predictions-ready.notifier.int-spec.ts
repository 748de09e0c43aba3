import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ArtifactStoreModule, createArtifactStore } from '@propcast/artifact-store';
import { createEvent } from '@propcast/contracts';
import { DbModule } from '@propcast/db';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { createEventBus, MessagingModule, type EventBus } from '@propcast/messaging';
import { seedSlate } from '@propcast/read-model/testing';
import { NotificationsModule } from './notifications.module';
import { PredictionsReadyNotifier } from './predictions-ready.notifier';

const DAY = '2025-01-20';

/** A webhook receiver on a real local HTTP server: records bodies, answers `status()` per request. */
async function webhook(status: () => number): Promise<{ url: string; bodies: { text: string }[]; server: Server }> {
  const bodies: { text: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(body) as { text: string });
      res.statusCode = status();
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/secret-path`, bodies, server };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('picks notifications on predictions.ready (trainer)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: EventBus;
  let good: Awaited<ReturnType<typeof webhook>>;
  let broken: Awaited<ReturnType<typeof webhook>>;
  const prefix = `notify-test-${process.pid}-${Date.now()}.`;
  const artifacts = mkdtempSync(join(tmpdir(), 'notify-artifacts-'));

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedSlate(db.pool, createArtifactStore(artifacts), { date: DAY, games: 2, playersPerTeam: 3, books: ['draftkings', 'fanduel'], idOffset: 1, seed: 6 });
    good = await webhook(() => 200);
    broken = await webhook(() => 500);
    const config = {
      PICKS_WEBHOOK_URLS: `${good.url}, ${broken.url}`,
      PICKS_BOARD_URL: 'https://board.example.com/',
      PICKS_WEBHOOK_MAX_PICKS: 3,
      MIN_EDGE: 0.03,
      MIN_CONFIDENCE: 0.05,
      KELLY_FRACTION: 0.25,
      KELLY_CAP: 0.05,
    };
    app = await NestFactory.create(
      {
        module: class TestRoot {},
        imports: [
          DbModule.forRoot({ databaseUrl: db.url }),
          ArtifactStoreModule.forRoot({ uri: artifacts }),
          MessagingModule.forRoot({ transport: 'redis-streams', topicPrefix: prefix, drainTimeoutMs: 200 }),
          NotificationsModule.forRoot(config, { attempts: 2, backoffMs: 10, timeoutMs: 2000 }),
        ],
      },
      { logger: false },
    );
    await app.init();
    bus = createEventBus({ transport: 'redis-streams', topicPrefix: prefix, drainTimeoutMs: 200, idempotency: false });
  });

  afterAll(async () => {
    await bus?.close();
    await app?.close();
    await Promise.all([good, broken].map((w) => new Promise((r) => w?.server.close(r))));
    await db?.drop();
    rmSync(artifacts, { recursive: true, force: true });
  });

  it("posts the date's top picks to every webhook; a failing one is retried, then given up, without blocking the other", async () => {
    await bus.publish(createEvent('predictions.ready', { gameDate: DAY, batchId: 'pb-test', counts: { requested: 1, completed: 1, failed: 0 } }, 'prediction-coordinator'));
    await waitFor(() => good.bodies.length === 1 && broken.bodies.length === 2, 'one post to the good hook, two attempts at the broken one');
    await app.get(PredictionsReadyNotifier).pending;
    const text = good.bodies[0].text;
    expect(text).toMatch(new RegExp(`^Propcast picks for ${DAY}: (\\d+) recommended \\((\\d+) at real lines, 0 at PROXY lines\\)`));
    const recommended = Number(/: (\d+) recommended/.exec(text)?.[1]);
    expect(recommended).toBeGreaterThan(3);
    // Three listed (PICKS_WEBHOOK_MAX_PICKS), each with its book and line source; the rest counted with the board link.
    expect(text.split('\n').filter((l) => /^(OVER|UNDER) /.test(l))).toHaveLength(3);
    expect(text).toMatch(/\((draftkings|fanduel), REAL\)/);
    expect(text).toContain(`…and ${recommended - 3} more on https://board.example.com/?date=${DAY}`);
    expect(broken.bodies[1]).toEqual(broken.bodies[0]);
  });
});
