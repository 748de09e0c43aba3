import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { DayPrediction, DaySummary } from './day-summary';
import { renderDemoReport } from './report';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
const describeIfChromium = CHROMIUM ? describe : describe.skip;
if (!CHROMIUM) process.stderr.write('report rendering test skipped: no Chromium (apt-get install chromium)\n');

function prediction(i: number, stat: string): DayPrediction {
  const actual = i % 5 === 4 ? null : (i * 7) % 31;
  return {
    player: `Player <${i}>`,
    stat,
    modelVersion: 1,
    predicted: 10 + (i % 9),
    line: 12.5,
    book: 'PROXY',
    overProbability: (i % 10) / 10 + 0.05,
    edge: 0.02,
    expectedValue: 0.01,
    recommendation: i % 3 === 0 ? 'OVER' : 'PASS',
    actual,
    outcome: actual === null ? 'VOID' : actual > 12.5 ? 'OVER' : 'UNDER',
    result: i % 3 === 0 ? (actual === null ? 'VOID' : actual > 12.5 ? 'WIN' : 'LOSS') : 'NO_BET',
    profit: 0,
    baselines: { seasonAvg: 11, last10: 12, ema: 11.5 },
  };
}

function fixture(): DaySummary {
  const stats = ['POINTS', 'REBOUNDS', 'THREES'];
  return {
    day: '2021-05-16',
    batchId: 'b-1',
    requested: 60,
    completed: 60,
    failed: 0,
    coverage: 1,
    linesAreProxy: true,
    stats: stats.map((stat) => ({
      stat,
      predictions: 20,
      played: 16,
      mae: 3.1,
      baselines: { seasonAvg: 3.5, last10: 3.6, ema: 3.4 },
      hitRate: 0.55,
      hits: 11,
      decided: 20,
      bets: 7,
      roi: 0.04,
      brier: 0.24,
      ece: 0.05,
    })),
    predictions: stats.flatMap((stat) => Array.from({ length: 20 }, (_, i) => prediction(i, stat))),
    reliability: [
      { lower: 0.4, upper: 0.5, predicted: 0.45, observed: 0.4, count: 30 },
      { lower: 0.5, upper: 0.6, predicted: 0.55, observed: 0.6, count: 20 },
    ],
    phases: [{ name: 'ingest', seconds: 12.3 }],
    models: stats.map((stat) => ({
      stat,
      modelId: `${stat.toLowerCase()}-v1`,
      objective: 'reg:squarederror',
      testRows: 1000,
      testFrom: '2019-01-01',
      mae: 1,
      baselines: { seasonAvg: 1.1, last10: 1.2, ema: 1.15 },
    })),
  };
}

describeIfChromium('demo report in a real browser', () => {
  it('renders the predictions table, the summary, the calibration plot and the per-stat error charts', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'report-')), 'report.html');
    writeFileSync(file, renderDemoReport(fixture()));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${file}`);
      expect(await page.locator('#predictions tbody tr').count()).toBe(60);
      expect(await page.locator('#stat-summary tbody tr').count()).toBe(3);
      expect(await page.locator('#model-records tbody tr').count()).toBe(3);
      expect(await page.locator('#predictions tbody tr').first().locator('td').first().textContent()).toBe('Player <0>');
      expect(await page.locator('svg.reliability circle.point').count()).toBe(2);
      expect(await page.locator('svg.error-scatter').count()).toBe(3);
      expect(await page.locator('svg.error-scatter').first().locator('circle.point').count()).toBe(16);
      expect(await page.locator('svg.mae-bars rect.bar').count()).toBe(12);
      const bar = await page.locator('svg.mae-bars rect.bar').first().boundingBox();
      expect(bar?.height ?? 0).toBeGreaterThan(10);
      await expect(page.locator('.notice').textContent()).resolves.toContain('not guarantees');
      await expect(page.locator('.proxy').textContent()).resolves.toContain('PROXY');
    } finally {
      await browser.close();
    }
  });
});
