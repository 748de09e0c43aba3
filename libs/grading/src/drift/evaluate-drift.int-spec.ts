import { createGradingRepositories } from '../composition/grading-repositories';
import { GameDate } from '@propcast/common';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import type { EventEnvelope } from '@propcast/contracts';
import { encodeFeatureValues } from '@propcast/features';
import { register } from 'prom-client';
import { GradeDateUseCase } from '../grading/grade-date.usecase';
import { RefreshGradingMetricsUseCase } from '../monitoring/refresh-grading-metrics.usecase';
import { insertBoxScores, insertGame, insertPredictions, insertTeamsAndPlayers } from '../testing';
import { binDistribution } from './distribution';
import { EvaluateDriftUseCase, type FeatureDriftSection, type PerformanceSection, type PredictionDriftSection } from './evaluate-drift.usecase';
import { ListDriftReportsUseCase } from './list-drift-reports.usecase';

const SET = 'test-set@v1';
const AS_OF = '2024-03-14';

function normals(n: number, seed: number): number[] {
  let s = seed;
  const u = () => ((s = (s * 1664525 + 1013904223) % 4294967296) + 0.5) / 4294967296;
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
}

describe('EvaluateDriftUseCase', () => {
  let db: TestDatabase;
  const artifacts = new Map<string, Buffer>();
  const published: EventEnvelope[] = [];
  const bus = { publish: async (e: EventEnvelope) => (published.push(e), String(published.length)) };
  const reader = { get: async (uri: string) => artifacts.get(uri) ?? Promise.reject(new Error(`missing ${uri}`)) };

  async function insertModel(id: string, stat: string, testMae: number, featureNames: string[]): Promise<void> {
    const training = { a: normals(20_000, 1), b: normals(20_000, 2) };
    const metadata = {
      featureDistribution: Object.entries(training).map(([name, values]) => ({ name, count: values.length, mean: 0, std: 1, ...binDistribution(values) })),
      metrics: { validation: {}, test: { model: { n: 5000, mae: testMae } } },
      probabilityModel: { kind: 'probability-model' },
    };
    artifacts.set(`mem://${id}/metadata.json`, Buffer.from(JSON.stringify(metadata)));
    await db.pool.query(
      `INSERT INTO models (id, stat, version, feature_set_id, feature_names, objective, params, artifact_uri, artifact_sha256, native_uri, metadata_uri,
                           train_from, train_to, dataset_fingerprint, metrics, baselines, status, role)
       VALUES ($1, $2::"StatType", 1, $3, $5, 'reg:squarederror', '{}', 'x', 'x', 'x', $4, '2020-01-01', '2023-06-30', 'fp', '{}', '{}', 'PRODUCTION', 'PRIMARY')`,
      [id, stat, SET, `mem://${id}/metadata.json`, featureNames],
    );
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query(`INSERT INTO feature_sets (id, name, version, feature_names, definition_hash) VALUES ($1, 'test-set', 1, '{c,a,b}', 'h')`, [SET]);
    await insertModel('points-1', 'POINTS', 3, ['a', 'b']);
    await insertModel('rebounds-1', 'REBOUNDS', 2, ['b']);
    // 14 recent days of feature rows: `a` shifted by one standard deviation, `b` as in training, `c` not a model feature.
    const [a, b] = [normals(1_400, 3), normals(1_400, 4)];
    for (let i = 0; i < 1_400; i++) {
      const date = GameDate.addDays(AS_OF, -(i % 14));
      await db.pool.query(`INSERT INTO feature_rows (feature_set_id, player_id, game_id, game_date, team_id, opponent_team_id, cutoff_at, "values") VALUES ($1, $2, $3, $4, 1, 2, $5, $6)`, [
        SET,
        i,
        `G${i % 14}`,
        date,
        `${date}T00:00:00Z`,
        encodeFeatureValues(Float32Array.of(99, a[i] + 1, b[i])),
      ]);
    }
    // Points predictions: 40 earlier ones around 10, 40 recent ones around 15, the recent ones graded 4 points off.
    await insertTeamsAndPlayers(
      db.pool,
      Array.from({ length: 40 }, (_, i) => 1000 + i),
    );
    await insertGame(db.pool, 'R1', AS_OF, 'FINAL');
    await insertBoxScores(
      db.pool,
      Array.from({ length: 40 }, (_, i) => ({ playerId: 1000 + i, gameId: 'R1', gameDate: AS_OF, pts: 11 + (i % 3) })),
    );
    const base = { stat: 'POINTS', modelId: 'points-1', modelVersion: 1 };
    await insertPredictions(db.pool, [
      ...Array.from({ length: 40 }, (_, i) => ({ ...base, playerId: 1000 + i, gameId: 'E1', gameDate: GameDate.addDays(AS_OF, -20), predictedMean: 9 + (i % 3) })),
      ...Array.from({ length: 40 }, (_, i) => ({ ...base, playerId: 1000 + i, gameId: 'R1', gameDate: AS_OF, predictedMean: 15 + (i % 3) })),
    ]);
    await new GradeDateUseCase(db.pool, createGradingRepositories(db.pool)).execute(AS_OF);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('detects the shifted feature, drifted predictions and a worse MAE, stores the report and asks for a retrain', async () => {
    const [report] = await new EvaluateDriftUseCase(createGradingRepositories(db.pool), reader, bus).execute({ stats: 'POINTS', asOf: AS_OF, options: { minRows: 30 } });
    expect(report).toMatchObject({ modelId: 'points-1', stat: 'POINTS', windowFrom: '2024-03-01', windowTo: AS_OF, drifted: true, retrainRequested: true });
    const features = report.featureDrift as FeatureDriftSection;
    expect(features.rows).toBe(1_400);
    expect(features.drifted).toEqual(['a']);
    const [a, b] = features.features;
    expect(a.name).toBe('a');
    expect(a.psi).toBeGreaterThan(0.5);
    expect(a.ks).toBeGreaterThan(0.3);
    expect(b.psi).toBeLessThan(0.05);
    expect(b.ks).toBeLessThan(0.05);
    expect(report.maxPsi).toBe(a.psi);
    const predictions = report.predictionDrift as PredictionDriftSection;
    expect(predictions).toMatchObject({ reference: 'earlier-predictions', referenceWindow: { from: '2024-02-16', to: '2024-02-29' }, n: 40, drifted: true });
    const performance = report.performance as PerformanceSection;
    // predicted 15..17 vs actual 11..13: every error is 4
    expect(performance).toMatchObject({ graded: 40, rollingMae: 4, testMae: 3, drifted: true });
    expect(report.maeRatio).toBeCloseTo(4 / 3, 12);

    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ type: 'retrain.requested', source: 'trainer', data: { stats: ['POINTS'], driftReportId: report.id } });
    const [stored] = await new ListDriftReportsUseCase(createGradingRepositories(db.pool)).execute({ stat: 'points' });
    expect(stored).toMatchObject({ id: report.id, modelId: 'points-1', maxPsi: report.maxPsi, retrainRequested: true, windowFrom: '2024-03-01' });
    expect(stored.featureDrift).toEqual(JSON.parse(JSON.stringify(report.featureDrift)));

    await new RefreshGradingMetricsUseCase(createGradingRepositories(db.pool)).execute();
    const text = await register.metrics();
    expect(text).toMatch(new RegExp(`^propcast_drift_psi_max\\{stat="POINTS"\\} ${report.maxPsi}$`, 'm'));
    expect(text).toMatch(/^propcast_drift_retrain_requested_total\{stat="POINTS"\} 1$/m);
    expect(text).toMatch(/^propcast_drift_detected\{stat="POINTS"\} 1$/m);
    expect(text).toMatch(/^propcast_drift_features_drifted\{stat="POINTS"\} 1$/m);
  });

  it('reports but does not count ignored features', async () => {
    const [report] = await new EvaluateDriftUseCase(createGradingRepositories(db.pool), reader, null).execute({ stats: 'POINTS', asOf: AS_OF, options: { minRows: 30, ignoreFeatures: ['a'] } });
    const features = report.featureDrift as FeatureDriftSection;
    expect(features).toMatchObject({ drifted: [], ignored: ['a'] });
    expect(features.features.map((f) => f.name)).toEqual(['a', 'b']);
    expect(report.maxPsi).toBe(features.features[1].psi);
    expect(report.reasons).not.toContainEqual(expect.stringContaining('feature'));
  });

  it('does not flag a model whose features did not shift, and skips what it cannot measure', async () => {
    published.length = 0;
    const [report] = await new EvaluateDriftUseCase(createGradingRepositories(db.pool), reader, bus).execute({ stats: 'REBOUNDS', asOf: AS_OF, options: { minRows: 30 } });
    expect(report).toMatchObject({ modelId: 'rebounds-1', drifted: false, retrainRequested: false, reasons: [] });
    expect((report.featureDrift as FeatureDriftSection).drifted).toEqual([]);
    expect((report.featureDrift as FeatureDriftSection).features.map((f) => f.name)).toEqual(['b']);
    expect(report.maxPsi).toBeLessThan(0.05);
    expect(report.predictionDrift).toEqual({ skipped: expect.stringContaining('0 predictions') });
    expect(report.performance).toEqual({ skipped: expect.stringContaining('0 graded') });
    expect(published).toHaveLength(0);
  });

  it('evaluates the latest window by default and names a missing model', async () => {
    const reports = await new EvaluateDriftUseCase(createGradingRepositories(db.pool), reader, null, () => new Date('2024-06-01T00:00:00Z')).execute({ modelId: 'points-1' });
    expect(reports[0]).toMatchObject({ windowTo: AS_OF, drifted: true, retrainRequested: false });
    await expect(new EvaluateDriftUseCase(createGradingRepositories(db.pool), reader, null).execute({ modelId: 'nope' })).rejects.toThrow('no model "nope"');
  });
});
