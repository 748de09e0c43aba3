import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArtifactStore } from '@propcast/artifact-store';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { PicksRepository } from '../picks/picks.repository';
import { DayVersionRepository } from '../shared/day-version.repository';
import { seedSlate, type SeededSlate } from '../testing/seed-slate';
import { ListPredictionsUseCase } from './list-predictions.usecase';
import { createReadModelRepositories } from '../composition/read-model-repositories';

const DATE = '2025-02-03';

let db: TestDatabase;
let artifacts: string;
let slate: SeededSlate;

beforeAll(async () => {
  db = await createTestDatabase();
  artifacts = mkdtempSync(join(tmpdir(), 'propcast-latest-price-'));
  slate = await seedSlate(db.pool, createArtifactStore(artifacts), { date: DATE, games: 1, playersPerTeam: 2, stats: ['POINTS'], books: ['draftkings'] });
}, 60_000);

afterAll(async () => {
  await db.drop();
  rmSync(artifacts, { recursive: true, force: true });
});

/** Appends a price row to a prediction, as live re-pricing does. */
async function appendPrice(predictionId: string, line: number, over: number, under: number, overProbability: number, recommendation: string): Promise<void> {
  await db.pool.query(
    `INSERT INTO prediction_prices (prediction_id, game_date, line, over_price, under_price, line_captured_at, over_probability, model_over_probability,
                                    market_over_probability, edge, expected_value, kelly_fraction, confidence, recommendation, flags, reason, cause_batch_id)
     VALUES ($1, $2::date, $3, $4, $5, '2025-02-03 20:00:00', $6, $6, 0.5, 0.1, 0.1, 0.02, 0.2, $7::"Recommendation", '{}', 'line', 'test-batch')`,
    [predictionId, DATE, line, over, under, overProbability, recommendation],
  );
}

it('GET /predictions and the picks serve the newest price row of a re-priced prediction, and the day version changes with it', async () => {
  const list = new ListPredictionsUseCase(createReadModelRepositories(db.pool));
  const picks = new PicksRepository(db.pool);
  const versions = new DayVersionRepository(db.pool);
  const before = await list.execute({ date: DATE, limit: '100' });
  expect(before.items.length).toBe(slate.predictions);
  const target = before.items[0];
  const untouched = before.items[1];
  const versionBefore = await versions.of(DATE);

  await appendPrice(target.id, (target.line ?? 0) + 1, 105, -125, 0.31, 'UNDER');
  await appendPrice(target.id, (target.line ?? 0) + 2, 110, -130, 0.27, 'UNDER');

  const after = await list.execute({ date: DATE, limit: '100' });
  const served = after.items.find((p) => p.id === target.id);
  expect(served).toMatchObject({
    line: (target.line ?? 0) + 2,
    overPrice: 110,
    underPrice: -130,
    overProbability: 0.27,
    recommendation: 'UNDER',
    modelVersion: target.modelVersion,
    predictedMean: target.predictedMean,
  });
  expect(after.items.find((p) => p.id === untouched.id)).toMatchObject({ line: untouched.line, overPrice: untouched.overPrice, overProbability: untouched.overProbability });
  // A filter on the price columns reads the newest price too.
  expect((await list.execute({ date: DATE, recommendation: 'UNDER', minEdge: '0.05', limit: '100' })).items.map((p) => p.id)).toContain(target.id);

  const offer = (await picks.offers(DATE)).find((o) => o.predictionId === target.id);
  expect(offer).toMatchObject({ line: (target.line ?? 0) + 2, overPrice: 110, underPrice: -130, overProbability: 0.27 });
  expect(await versions.of(DATE)).not.toBe(versionBefore);
});
