import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArtifactIntegrityError, createArtifactStore, sha256Hex, type ArtifactStore } from '@propcast/artifact-store';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { FeatureSetV1 } from '@propcast/features';
import { brierScore, expectedCalibrationError, logLoss, mae, ProbabilityModel } from '@propcast/prediction';
import { OnnxPredictor } from '@propcast/xgboost';
import { register } from 'prom-client';
import { parseModelMetadata } from '@propcast/model-registry';
import { PgPlayerGameRowSource } from '../dataset/pg-player-game-row.repository';
import { toStatDataset } from '../dataset/stat-dataset';
import { DatasetTooSmallError } from '../errors';
import { selectLines } from '../evaluation/line-selection';
import { leagueRows, RecordingPublisher, seedFeatureStore, simulateLeague } from '../testing';
import { createTrainingServices, defaultTrainingSettings, type TrainingServices } from '../training-services';
import { CheckTrainingDataUseCase } from './check-training-data.usecase';
import { RetrainOnDriftReportsUseCase } from './retrain-on-drift-reports.usecase';
import type { RunOutcome } from './start-training.usecase';
import type { TrainingSettings } from './train-stat.usecase';

const league = simulateLeague({ seed: 21, teams: 10, playersPerTeam: 10, seasons: 2, datesPerSeason: 45, lineShare: 0.2 });

describe('training end to end (feature store in Postgres → registry → gate)', () => {
  let db: TestDatabase;
  let store: ArtifactStore;
  let root: string;
  let publisher: RecordingPublisher;
  let services: TrainingServices;
  let crippled: TrainingServices;

  const build = (model: Partial<TrainingSettings['model']>) =>
    createTrainingServices({
      prisma: db.prisma,
      pool: db.pool,
      store,
      events: publisher,
      // The selection fit serves here (TRAINER_REFIT=false), so the served ONNX reproduces metrics.test exactly;
      // train-stat-refit.int-spec.ts covers the refit.
      settings: defaultTrainingSettings({
        model: { maxRounds: 60, earlyStoppingRounds: 8, subsampleRows: 2500, nthread: 2, refit: false, ...model },
        probability: { minRowsPerBucket: 80 },
        minRowsPerSplit: 100,
      }),
      gate: { minMaeImprovement: 0.005, autoPromote: true },
      leaseMs: 60_000,
      defaultBudgetMinutes: 0,
      drift: { maxPsi: 0.25, maxMaeRatio: 1.1 },
    });
  const train = async (s: TrainingServices, stat: 'POINTS' | 'REBOUNDS' = 'POINTS'): Promise<RunOutcome> => {
    const started = await s.startTraining.execute({ stats: [stat], trigger: 'manual' });
    const [outcome] = await started.completion;
    return outcome;
  };
  const succeeded = (o: RunOutcome) => {
    if (!o.ok) throw o.error;
    return o.result;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedFeatureStore(db.pool, league);
    root = mkdtempSync(join(tmpdir(), 'propcast-training-'));
    store = createArtifactStore(root);
    publisher = new RecordingPublisher();
    services = build({});
    crippled = build({ maxRounds: 1, objectives: ['reg:squarederror'] });
  });
  afterAll(async () => {
    await db.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('reads datasets from feature_rows joined to box scores and prop lines, played games only', async () => {
    const source = new PgPlayerGameRowSource(db.pool, 1000);
    const rows = await source.read({ featureSetId: FeatureSetV1.id, featureNames: FeatureSetV1.featureNames, window: { from: '1900-01-01', to: '2999-01-01' } });
    const expected = leagueRows(league);
    expect(rows.size).toBe(expected.size);
    expect(rows.size).toBe(league.playerLogs.filter((l) => !l.dnp).length);
    expect(rows.gameDates).toEqual(expected.gameDates);
    expect(rows.features).toEqual(expected.features);
    expect(rows.targets.PRA).toEqual(expected.targets.PRA);
    expect(rows.lines.THREES).toEqual(expected.lines.THREES);
    expect(rows.rowIds).toEqual(expected.rowIds);
    const window = await source.read({ featureSetId: FeatureSetV1.id, featureNames: FeatureSetV1.featureNames, window: { from: '2019-10-25', to: '2019-10-30' } });
    expect(new Set(window.gameDates)).toEqual(new Set(['2019-10-25', '2019-10-26', '2019-10-27', '2019-10-28', '2019-10-29', '2019-10-30']));
    const none = await source.read({ featureSetId: FeatureSetV1.id, featureNames: FeatureSetV1.featureNames, window: { from: '1900-01-01', to: '2999-01-01' }, seasonTypes: ['PLAYOFFS'] });
    expect(none.size).toBe(0);
  });

  it('trains, packages, registers and promotes the first model of a stat, logging trials and progress', async () => {
    const progress: number[] = [];
    const started = await services.startTraining.execute({ stats: ['POINTS'], trigger: 'manual', onProgress: (_s, _r, p) => progress.push(p) });
    const [outcome] = await started.completion;
    const result = succeeded(outcome);
    expect(result.model).toMatchObject({ id: 'points-v1', status: 'PRODUCTION', role: 'PRIMARY', featureSetId: FeatureSetV1.id });
    expect(result.gate).toMatchObject({ promote: true, productionMae: null });
    expect(result.test.model.mae!).toBeLessThan(Math.min(result.test.baselines.seasonAvg.mae!, result.test.baselines.last10.mae!, result.test.baselines.ema.mae!));
    expect(result.xgboostSeconds).toBeGreaterThan(0);
    expect(progress[progress.length - 1]).toBeGreaterThan(0.9);

    const run = await services.runs.get(started.runs[0].runId);
    expect(run).toMatchObject({ status: 'SUCCEEDED', modelId: 'points-v1', progress: 1, trigger: 'manual' });
    const trials = run.trials as { phase: string; config: { objective: string } }[];
    // Every objective at default settings (budget 0: no random trial, so no further finalists), then the final fit.
    expect(trials.map((t) => t.phase)).toEqual(['objective', 'objective', 'objective', 'objective', 'final']);
    expect(trials.map((t) => t.config.objective).slice(0, 4)).toEqual(['reg:squarederror', 'reg:absoluteerror', 'count:poisson', 'reg:pseudohubererror']);
    expect(await db.prisma.trainingLock.count()).toBe(0);

    const keys = (await store.list('models/points/v1/')).map((r) => r.key);
    expect(keys).toEqual(['models/points/v1/metadata.json', 'models/points/v1/model.json', 'models/points/v1/model.onnx', 'models/points/v1/report.html']);
    const onnx = await store.get('models/points/v1/model.onnx');
    expect(result.model.artifactSha256).toBe(sha256Hex(onnx));

    const metadata = parseModelMetadata(await store.get(result.model.metadataUri));
    expect(metadata.featureNames).toEqual([...FeatureSetV1.featureNames]);
    expect(metadata.featureSet).toEqual({ id: FeatureSetV1.id, version: 1, definitionHash: FeatureSetV1.definitionHash });
    expect(metadata.dataset.fingerprint).toBe(result.model.datasetFingerprint);
    expect(metadata.featureDistribution).toHaveLength(FeatureSetV1.featureNames.length);
    expect(metadata.featureDistribution[0]).toMatchObject({ name: FeatureSetV1.featureNames[0], proportions: expect.any(Array), cutPoints: expect.any(Array) });
    expect(metadata.onnxParity.rows).toBe(metadata.dataset.splits.test.rows);
    expect(metadata.artifacts.onnx.sha256).toBe(result.model.artifactSha256);
    expect(metadata.metrics.test.overUnder.proxy?.n).toBeGreaterThan(0);
    expect(metadata.metrics.test.overUnder.real?.n).toBeGreaterThan(0);

    const report = (await store.get('models/points/v1/report.html')).toString();
    expect(report.match(/<svg /g)).toHaveLength(3);
    expect(report).not.toMatch(/<script|<link|src="http/);
    expect(report).toContain('Reliability');

    expect(publisher.dataOf('training.completed')).toContainEqual({ runId: run.id, stat: 'POINTS', modelId: 'points-v1', status: 'SUCCEEDED' });
    expect(publisher.dataOf('model.promoted')).toContainEqual({ stat: 'POINTS', modelId: 'points-v1', version: 1, fromModelId: null, action: 'promote' });
  });

  it('gives the trainer’s evaluation numbers through the worker-side code path (ONNX + ProbabilityModel.fromJSON)', async () => {
    const model = (await services.registry.resolveServing('POINTS')).primary!;
    const metadata = parseModelMetadata(await store.get(model.metadataUri));
    const predictor = await OnnxPredictor.create(await store.get(model.artifactUri, { expectedSha256: model.artifactSha256 }));
    const probabilityModel = ProbabilityModel.fromJSON(metadata.probabilityModel);
    const { from, to } = metadata.dataset.splits.test;
    const rows = toStatDataset(await new PgPlayerGameRowSource(db.pool).read({ featureSetId: model.featureSetId, featureNames: model.featureNames, window: { from, to } }), 'POINTS');
    expect(rows.size).toBe(metadata.dataset.splits.test.rows);
    const predicted = await predictor.predict(rows.features);
    await predictor.release();
    // Equal up to float32 rounding of ONNX Runtime's tree sums (about one ulp per prediction).
    expect(mae(Array.from(predicted), Array.from(rows.target))).toBeCloseTo(metadata.metrics.test.model.mae!, 6);

    const lines = selectLines(rows);
    const probs: number[] = [];
    const outcomes: number[] = [];
    rows.target.forEach((actual, i) => {
      if (lines.source[i] !== 'proxy') return;
      const p = probabilityModel.overUnder(predicted[i], lines.line[i]);
      probs.push(p.over);
      outcomes.push(actual > lines.line[i] ? 1 : 0);
    });
    const trainer = metadata.metrics.test.overUnder.proxy!;
    expect(probs.length).toBe(trainer.n);
    expect(brierScore(probs, outcomes)).toBeCloseTo(trainer.brier!, 6);
    expect(expectedCalibrationError(probs, outcomes, 10)).toBeCloseTo(trainer.ece!, 6);
    expect(logLoss(probs, outcomes)).toBeCloseTo(trainer.logLoss!, 6);
  });

  it('scores a model on any date range with `evaluate` beside the baselines, matching the test split', async () => {
    const model = await services.registry.get('points-v1');
    const metadata = await services.artifacts.loadMetadata(model);
    const { from, to } = metadata.dataset.splits.test;
    const [score] = await services.evaluate.execute({ model: 'production', stats: ['POINTS'], window: { from, to } });
    expect(score).toMatchObject({ stat: 'POINTS', modelId: 'points-v1' });
    expect(score.evaluation.model.mae).toBeCloseTo(metadata.metrics.test.model.mae!, 6);
    expect(score.evaluation.baselines.last10.mae).toBe(metadata.metrics.test.baselines.last10.mae);
    expect(score.evaluation.overUnder.proxy?.brier).toBeCloseTo(metadata.metrics.test.overUnder.proxy!.brier!, 6);
  });

  it('refuses a worse candidate with its reason and keeps production; promotes a clearly better one over a weak production model', async () => {
    const worse = succeeded(await train(crippled));
    expect(worse.model).toMatchObject({ id: 'points-v2', status: 'CANDIDATE' });
    expect(worse.model.statusReason).toMatch(/^gate refused: .*baseline.*production points-v1 MAE/);
    // Production was scored on the candidate's test rows: the same rows points-v1 was tested on.
    const v1 = await services.artifacts.loadMetadata(await services.registry.get('points-v1'));
    expect(worse.gate.productionMae).toBeCloseTo(v1.metrics.test.model.mae!, 5);
    expect((await services.registry.production('POINTS'))?.id).toBe('points-v1');
    expect((await services.registry.events('points-v2')).map((e) => e.action)).toEqual(['register', 'gate']);

    // Put the weak model in production by hand, then a good candidate must beat it by the margin.
    await services.promote.execute({ modelId: 'points-v2', actor: 'test', reason: 'simulate a weak production model' });
    const better = succeeded(await train(services));
    expect(better.model).toMatchObject({ id: 'points-v3', status: 'PRODUCTION' });
    expect(better.gate.productionMae!).toBeGreaterThan(better.test.model.mae! * 1.005);
    expect(better.model.statusReason).toMatch(/^gate passed: .*production points-v2/);
    expect(await services.registry.get('points-v2')).toMatchObject({ status: 'ARCHIVED' });
  });

  it('refuses a second run for a stat while its lease is live, and takes over a crashed run’s expired lease', async () => {
    // Two service instances sharing the database behave like two trainer pods.
    const first = await crippled.startTraining.execute({ stats: ['REBOUNDS'], trigger: 'manual' });
    const second = await services.startTraining.execute({ stats: ['REBOUNDS', 'ASSISTS'], trigger: 'manual', window: { from: '1900-01-01', to: '1900-01-02' } });
    expect(second.refused).toEqual([expect.objectContaining({ stat: 'REBOUNDS', heldByRunId: first.runs[0].runId })]);
    expect(second.runs.map((r) => r.stat)).toEqual(['ASSISTS']);
    await Promise.all([first.completion, second.completion]);

    await db.prisma.trainingRun.create({ data: { id: 'crashed-run', stat: 'THREES', trigger: 'manual', params: {}, status: 'RUNNING' } });
    await db.prisma.trainingLock.create({ data: { stat: 'THREES', runId: 'crashed-run', holder: 'dead-pod', expiresAt: new Date(Date.now() - 1000) } });
    const takeover = await services.startTraining.execute({ stats: ['THREES'], trigger: 'manual', window: { from: '1900-01-01', to: '1900-01-02' } });
    expect(takeover.runs).toHaveLength(1);
    expect(await services.runs.get('crashed-run')).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/lease expired/) });
    await takeover.completion;
  });

  it('records a failed run with its error, a training.completed FAILED event and the failure metrics', async () => {
    const started = await services.startTraining.execute({ stats: ['PRA'], trigger: 'schedule', window: { from: '1900-01-01', to: '1900-12-31' } });
    const [outcome] = await started.completion;
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toBeInstanceOf(DatasetTooSmallError);
    expect(await services.runs.get(outcome.runId)).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/DatasetTooSmallError/) });
    expect(publisher.dataOf('training.completed')).toContainEqual({ runId: outcome.runId, stat: 'PRA', modelId: null, status: 'FAILED' });
    const metrics = await register.metrics();
    expect(metrics).toMatch(/propcast_training_runs_total\{stat="PRA",status="FAILED"\} 1/);
    expect(metrics).toMatch(/propcast_training_last_failure_timestamp_seconds\{stat="PRA"\} \d+/);
    expect(metrics).toMatch(/propcast_model_test_mae\{stat="POINTS",model_version="1"\} [0-9.]+/);
  });

  it('daily data check counts rows since each production model and trains stats that have none', async () => {
    const report = await new CheckTrainingDataUseCase(db.prisma, services.registry, crippled.startTraining, FeatureSetV1.id, 10 ** 9).execute();
    expect(report.latestFeatureDate).toBe(league.games[league.games.length - 1].date);
    const points = report.stats.find((s) => s.stat === 'POINTS')!;
    const production = await services.registry.get(points.productionModelId!);
    expect(points.rowsSinceTraining).toBe(league.vectors.filter((v) => v.gameDate > production.trainTo).length);
    expect(report.stats.find((s) => s.stat === 'PRA')).toMatchObject({ productionModelId: null, rowsSinceTraining: league.vectors.length });
    expect(report.started).toBeNull();

    const bootstrap = await new CheckTrainingDataUseCase(db.prisma, services.registry, crippled.startTraining, FeatureSetV1.id, 1).execute();
    expect(bootstrap.started?.runs.map((r) => r.stat)).toEqual(['REBOUNDS', 'ASSISTS', 'THREES', 'PRA'].filter((s) => report.stats.find((x) => x.stat === s)?.productionModelId === null));
    await bootstrap.started?.completion;
  });

  it('weekly drift hook retrains a stat whose newest drift report passes a threshold, once', async () => {
    const production = (await services.registry.production('POINTS'))!;
    const drift = new RetrainOnDriftReportsUseCase(db.prisma, services.registry, crippled.startTraining, { maxPsi: 0.25, maxMaeRatio: 1.05 });
    const report = (id: string, maxPsi: number, retrainRequested: boolean) =>
      db.prisma.driftReport.create({
        data: { id, modelId: production.id, stat: 'POINTS', windowFrom: new Date('2019-12-01'), windowTo: new Date('2019-12-14'), featureDrift: {}, maxPsi, maeRatio: 1.01, retrainRequested },
      });
    await report('drift-calm', 0.05, false);
    expect((await drift.execute()).started).toBeNull();
    await report('drift-already-requested', 0.6, true);
    expect((await drift.execute()).checked.find((c) => c.stat === 'POINTS')).toMatchObject({ retrain: false, note: 'retrain already requested by the drift job' });
    await report('drift-missed', 0.6, false);
    const result = await drift.execute();
    expect(result.started?.runs.map((r) => r.stat)).toEqual(['POINTS']);
    expect(await services.runs.get(result.started!.runs[0].runId)).toMatchObject({ trigger: 'drift', params: expect.objectContaining({ reason: expect.stringContaining('drift-missed') }) });
    await result.started?.completion;
    // A run started after the report: the next weekly check does not retrain again.
    expect((await drift.execute()).checked.find((c) => c.stat === 'POINTS')).toMatchObject({ retrain: false, note: 'a run started after the report' });
  });

  it('refuses to load a tampered ONNX or native model', async () => {
    const model = await services.registry.get('points-v3');
    await expect(services.artifacts.loadOnnx(model)).resolves.toBeInstanceOf(Buffer);
    // Replaced through the store (its own checksum updated): only the registry sha256 catches it.
    await store.put('models/points/v3/model.onnx', Buffer.concat([await store.get(model.artifactUri), Buffer.from([0])]));
    await expect(services.artifacts.loadOnnx(model)).rejects.toBeInstanceOf(ArtifactIntegrityError);
    // Bytes changed behind the store's back.
    writeFileSync(fileURLToPath(model.nativeUri), '{"learner":{}}');
    await expect(services.artifacts.loadNative(model)).rejects.toBeInstanceOf(ArtifactIntegrityError);
  });
});
