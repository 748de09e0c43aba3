import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createArtifactStore } from '@propcast/artifact-store';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { GradeDateUseCase } from '@propcast/grading';
import { seedSlate, type SeededSlate } from '@propcast/read-model/testing';
import { AppModule } from './app.module';
import { loadApiConfig } from './config';
import { installTestHttpPlatform, TEST_AUTH_ENV, TEST_KEYS } from '@propcast/observability/testing';
import { API_HTTP } from './http-setup';
import { createGradingRepositories } from '@propcast/grading';

// Headless Chromium: playwright-core drives a system Chromium (no browser download). Where none is installed the
// suite is skipped with the reason, as the Pub/Sub tests do without gcloud.
const CHROMIUM = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
const SCREENSHOT = process.env['BOARD_SCREENSHOT'] ?? resolve(__dirname, '../../../var/screenshots/slate-board.png');
const GRADED_DAY = '2025-03-01';
const BOARD_DAY = '2025-03-10';

const describeWithChromium = CHROMIUM ? describe : describe.skip;
if (!CHROMIUM) console.warn('board.int-spec skipped: no Chromium found (set CHROMIUM_PATH)');

describeWithChromium('the slate board in headless Chromium', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let artifacts: string;
  let browser: Browser;
  let base: string;
  let slate: SeededSlate;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    artifacts = mkdtempSync(join(tmpdir(), 'propcast-board-'));
    const store = createArtifactStore(artifacts);
    await seedSlate(db.pool, store, { date: GRADED_DAY, games: 2, playersPerTeam: 3, final: true, idOffset: 0, seed: 3 });
    await new GradeDateUseCase(db.pool, createGradingRepositories(db.pool)).execute(GRADED_DAY);
    slate = await seedSlate(db.pool, store, { date: BOARD_DAY, games: 3, playersPerTeam: 4, proxyStats: ['THREES'], idOffset: 1, seed: 4 });
    const config = loadApiConfig({ ...process.env, ...TEST_AUTH_ENV, DATABASE_URL: db.url, ARTIFACT_STORE_URI: artifacts });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    installTestHttpPlatform(app, 'api', API_HTTP);
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
    rmSync(artifacts, { recursive: true, force: true });
  });

  /** Props that pass the filters (the summary line counts them; each game shows its first 25 rows). */
  async function shown(page: Page): Promise<number> {
    return Number(/^(\d+) props/.exec((await page.textContent('#summary')) ?? '')?.[1]);
  }

  async function openBoard(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    // The read key as a user shares it (#key=...): the script keeps it in localStorage and sends it as x-api-key.
    await page.goto(`${base}${path}#key=${encodeURIComponent(TEST_KEYS.read)}`);
    // Strings, evaluated in the page: this project compiles without the DOM library.
    await page.waitForFunction('window.__board.rendered || window.__board.error !== null');
    return page;
  }

  it('renders games then props with a chart per prop, filters change the rows, and the panel shows the graded days', async () => {
    const page = await openBoard('/');
    expect(await page.evaluate('window.__board.error')).toBeNull();
    // Games first, each with its props.
    expect(await page.locator('section.game').count()).toBe(slate.gameIds.length);
    const all = await page.locator('tr.prop').count();
    expect(all).toBeGreaterThan(0);
    // One distribution chart (bars and the line mark) per prop row.
    expect(await page.locator('tr.prop svg.dist').count()).toBe(all);
    expect(await page.locator('tr.prop svg.dist path.bars').count()).toBeGreaterThanOrEqual(all);
    for (const d of await page.locator('tr.prop svg.dist path.bars').evaluateAll((paths) => paths.slice(0, 20).map((p) => p.getAttribute('d')))) {
      expect(d).toMatch(/^(M[\d.]+ \d+v-[\d.]+h[\d.]+v[\d.]+z)+$/);
    }
    expect(await page.locator('tr.prop svg.dist line.line-mark').count()).toBe(all);
    // the priced P (combined with the market where a combiner priced it) beside the model's own P and the market's
    const head = await page.locator('section.game th').evaluateAll((cells) => cells.slice(0, 14).map((c) => c.textContent));
    expect(head.slice(5, 9)).toEqual(['mean', 'priced P', 'own P', 'market P']);
    for (const call of await page.locator('tr.prop').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-call')))) expect(call).not.toBe('PASS');

    const bets = await shown(page);
    expect(bets).toBeGreaterThanOrEqual(all);
    await page.selectOption('#f-call', 'ALL');
    const withPass = await shown(page);
    expect(withPass).toBe(slate.playerIds.length * 5);
    expect(withPass).toBeGreaterThan(bets);
    await page.selectOption('#f-stat', 'THREES');
    const threes = await page.locator('tr.prop').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-stat'), r.textContent]));
    expect(threes.length).toBe(slate.playerIds.length);
    for (const [stat, text] of threes) {
      expect(stat).toBe('THREES');
      expect(text).toContain('PROXY');
    }
    await page.selectOption('#f-stat', '');
    await page.selectOption('#f-book', 'fanduel');
    for (const book of await page.locator('tr.prop').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-book')))) expect(book).toBe('fanduel');
    await page.selectOption('#f-book', '');
    await page.fill('#f-edge', '0.08');
    const edged = await shown(page);
    expect(edged).toBeLessThan(withPass);
    expect(edged).toBeGreaterThan(0);
    await page.fill('#f-edge', '');
    await page.selectOption('#f-call', 'BET');

    // The model-vs-market panel over the previous 30 days holds the graded day.
    await page.waitForSelector('#panel-table tbody tr');
    expect(await page.locator('#panel-table tbody tr').count()).toBe(5);
    expect(await page.textContent('footer')).toContain('PROXY');

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    await page.close();
    expect(consoleErrors).toEqual([]);
  });

  it('shows graded results on a final day', async () => {
    const page = await openBoard(`/?date=${GRADED_DAY}`);
    await page.selectOption('#f-call', 'ALL');
    const results = await page.locator('tr.prop .res').count();
    expect(results).toBe(await page.locator('tr.prop').count());
    expect(results).toBeGreaterThan(0);
    expect(await page.locator('tr.prop .muted', { hasText: 'pending' }).count()).toBe(0);
    await page.close();
    expect(consoleErrors).toEqual([]);
  });
});
