import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArtifactStore, type ArtifactStore } from '@propcast/artifact-store';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { FeatureSetV1 } from '@propcast/features';
import { mae } from '@propcast/prediction';
import { OnnxPredictor } from '@propcast/xgboost';
import { parseModelMetadata } from '@propcast/model-registry';
import { PgPlayerGameRowSource } from '../dataset/pg-player-game-row.repository';
import { toStatDataset } from '../dataset/stat-dataset';
import { RecordingPublisher, seedFeatureStore, simulateLeague } from '../testing';
import { createTrainingServices, defaultTrainingSettings, type TrainingServices } from '../training-services';
import type { RunOutcome } from './start-training.usecase';

const league = simulateLeague({ seed: 34, teams: 6, playersPerTeam: 8, seasons: 2, datesPerSeason: 45, lineShare: 0.2 });
jest.setTimeout(240_000);
const dates = [...new Set(league.games.map((g) => g.date))].sort();
// The first window ends before the league's last date (the refit must stop there) and inside the next window's test dates.
const cutoff = dates[Math.floor(dates.length * 0.92)];
const lastDate = dates[dates.length - 1];

describe('training with the refit on every row of the window (feature store in Postgres → registry)', () => {
  let db: TestDatabase;
  let store: ArtifactStore;
  let root: string;
  let services: TrainingServices;

  const succeeded = (o: RunOutcome) => {
    if (!o.ok) throw o.error;
    return o.result;
  };
  const train = async (to: string) => {
    const started = await services.startTraining.execute({ stats: ['POINTS'], trigger: 'manual', window: { to } });
    const [outcome] = await started.completion;
    return succeeded(outcome);
  };
  const playedRowsUpTo = (to: string) => league.playerLogs.filter((l) => !l.dnp && l.gameDate <= to).length;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedFeatureStore(db.pool, league);
    root = mkdtempSync(join(tmpdir(), 'propcast-refit-'));
    store = createArtifactStore(root);
    services = createTrainingServices({
      prisma: db.prisma,
      pool: db.pool,
      store,
      events: new RecordingPublisher(),
      settings: defaultTrainingSettings({
        model: { maxRounds: 60, earlyStoppingRounds: 8, subsampleRows: 2500, nthread: 2, refitRounds: 'rows', recencyDecays: [0.5] },
        probability: { minRowsPerBucket: 80 },
        minRowsPerSplit: 100,
      }),
      gate: { minMaeImprovement: 0, autoPromote: true, minComparableRows: 100 },
      leaseMs: 60_000,
      defaultBudgetMinutes: 0,
      drift: { maxPsi: 0.25, maxMaeRatio: 1.1 },
    });
  });
  afterAll(async () => {
    await db.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves a refit on every row up to the window’s end (none after it) and records both fits in the registry and metadata', async () => {
    const result = await train(cutoff);
    const model = result.model;
    const metadata = parseModelMetadata(await store.get(model.metadataUri));
    const { splits } = metadata.dataset;
    const fits = metadata.fits!;
    const refitTo = dates.filter((d) => d <= cutoff).pop()!;

    expect(fits.refit).toMatchObject({ from: dates[0], to: refitTo, rows: playedRowsUpTo(cutoff) });
    expect(fits.refit!.rows).toBe(splits.train.rows + splits.validation.rows + splits.test.rows);
    expect(fits.refit!.rows).toBeLessThan(playedRowsUpTo(lastDate));
    expect(fits.refit!.rounds).toBe(Math.round(fits.selection.rounds * (fits.refit!.rows / splits.train.rows)));
    expect(fits.selection).toMatchObject({ from: splits.train.from, to: splits.train.to, rows: splits.train.rows });
    expect(fits.selection.validationMae).toBeCloseTo(metadata.metrics.validation.model.mae!, 4);
    expect([0.5, 1]).toContain(fits.selection.recencyDecay);
    expect(fits.refit!.recencyDecay).toBe(fits.selection.recencyDecay);
    // The registry row: the served model's training period, and both fits beside the metrics.
    expect(model).toMatchObject({ trainFrom: dates[0], trainTo: refitTo, status: 'PRODUCTION' });
    expect((model.metrics as { fits: unknown }).fits).toEqual(fits);
    expect(metadata.bestIteration).toBe(fits.refit!.rounds - 1);

    const run = await services.runs.get(result.runId);
    const phases = (run.trials as { phase: string }[]).map((t) => t.phase);
    expect(phases.slice(-3)).toEqual(['final', 'recency', 'refit']);

    // The served ONNX is the refit: on the test dates (which it trained on) it differs from the selection fit's
    // out-of-sample figures in metrics.test, which the registry keeps.
    const source = new PgPlayerGameRowSource(db.pool);
    const testRows = toStatDataset(await source.read({ featureSetId: FeatureSetV1.id, featureNames: FeatureSetV1.featureNames, window: { from: splits.test.from, to: splits.test.to } }), 'POINTS');
    const predictor = await OnnxPredictor.create(await store.get(model.artifactUri, { expectedSha256: model.artifactSha256 }));
    const served = mae(Array.from(await predictor.predict(testRows.features)), Array.from(testRows.target));
    await predictor.release();
    expect(served).not.toBeCloseTo(metadata.metrics.test.model.mae!, 4);
  });

  it('gates the next candidate against the refitted production model only on the test rows production did not train on', async () => {
    const production = (await services.registry.production('POINTS'))!;
    const result = await train(lastDate);
    const metadata = parseModelMetadata(await store.get(result.model.metadataUri));
    const unseen = league.playerLogs.filter((l) => !l.dnp && l.gameDate > production.trainTo && l.gameDate >= metadata.dataset.splits.test.from).length;
    expect(unseen).toBeGreaterThanOrEqual(100);
    expect(unseen).toBeLessThan(metadata.dataset.splits.test.rows);
    expect(result.gate.reason).toContain(`production ${production.id} MAE`);
    expect(result.gate.reason).toContain(`on the ${unseen} test rows it did not train on`);
  });
});
