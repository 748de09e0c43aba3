import { seededRandom } from '@propcast/common';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { MarketCombiner } from '@propcast/prediction';
import { InsufficientHistoryError, ModelNotFoundError } from '../errors';
import { insertGame, insertPredictions, insertTeamsAndPlayers, type PredictionFixture } from '../testing';
import { FitMarketCombinerUseCase } from './fit-market-combiner.usecase';
import { createGradingRepositories } from '../composition/grading-repositories';

const MODEL = 'threes-v1';
const AS_OF = '2024-01-21';
const dayOf = (i: number) => `2024-01-${String(i).padStart(2, '0')}`;

describe('FitMarketCombinerUseCase', () => {
  let db: TestDatabase;
  let usecase: FitMarketCombinerUseCase;

  /** 30 days x 20 players of THREES predictions graded OVER/UNDER (following the market), at dk, a PROXY line and no line. */
  async function seed(): Promise<void> {
    const random = seededRandom(5);
    const players = Array.from({ length: 20 }, (_, i) => 100 + i);
    await insertTeamsAndPlayers(db.pool, players);
    for (let d = 1; d <= 30; d++) {
      const gameId = `G${d}`;
      await insertGame(db.pool, gameId, dayOf(d), 'FINAL');
      const rows: PredictionFixture[] = players.flatMap((playerId) => {
        const marketOver = 0.3 + random() * 0.4;
        const base = { playerId, gameId, gameDate: dayOf(d), stat: 'THREES', modelId: MODEL, modelVersion: 1, predictedMean: 2.1, line: 1.5 };
        return [
          { ...base, book: 'dk', overPrice: -110, underPrice: -110, overProbability: 0.2 + random() * 0.6, marketOverProbability: marketOver },
          { ...base, book: 'PROXY', overPrice: -110, underPrice: -110, overProbability: 0.9, marketOverProbability: 0.5 },
          { ...base, book: '', line: null, overProbability: null },
        ];
      });
      const ids = await insertPredictions(db.pool, rows);
      for (const [k, id] of ids.entries()) {
        const market = rows[k].marketOverProbability ?? 0.5;
        const outcome = d >= 21 ? 'OVER' : random() < market ? 'OVER' : 'UNDER'; // days from AS_OF on are all overs
        await db.pool.query(`INSERT INTO grades (prediction_id, actual, error, outcome, result, profit) VALUES ($1, 0, 0, $2::"LineOutcome", 'NO_BET', 0)`, [id, outcome]);
      }
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query(`INSERT INTO feature_sets (id, name, version, feature_names, definition_hash) VALUES ('fs@v1', 'fs', 1, '{a}', 'h')`);
    await db.pool.query(
      `INSERT INTO models (id, stat, version, feature_set_id, feature_names, objective, params, artifact_uri, artifact_sha256, native_uri, metadata_uri,
                           train_from, train_to, dataset_fingerprint, metrics, baselines, status, role)
       VALUES ($1, 'THREES', 1, 'fs@v1', '{a}', 'count:poisson', '{}', 'x', 'x', 'x', 'x', '2020-01-01', '2023-06-30', 'fp', '{}', '{}', 'PRODUCTION', 'PRIMARY')`,
      [MODEL],
    );
    await seed();
    usecase = new FitMarketCombinerUseCase(createGradingRepositories(db.pool));
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  it("fits on the model's graded real-priced predictions dated before asOf only (no PROXY, no line-less row) and stores it with the model", async () => {
    const r = await usecase.execute({ modelId: MODEL, asOf: AS_OF });
    expect(r.fit).toMatchObject({ rows: 400, from: dayOf(1), to: dayOf(20), asOf: AS_OF });
    const stored = await db.pool.query(`SELECT id::text, model_id, stat::text, as_of::text, rows, period_from::text, period_to::text, state, source FROM market_combiners`);
    expect(stored.rows).toEqual([expect.objectContaining({ id: r.id, model_id: MODEL, stat: 'THREES', as_of: AS_OF, rows: 400, period_from: dayOf(1), period_to: dayOf(20), source: 'grades' })]);
    // the stored state restores the same combination
    expect(MarketCombiner.fromJSON(stored.rows[0].state).coefficients).toEqual(r.coefficients);
    // the outcomes follow the market: the fit leans on it, not on the model
    expect(r.coefficients.market).toBeGreaterThan(0.5);
    expect(Math.abs(r.coefficients.model)).toBeLessThan(0.3);
    // no --penalty: chosen walk-forward on the earlier props (200 to fit the first fold, 200 scored) and stored with the fit
    expect(r.fit.penaltyChoice).toMatchObject({ scoredRows: 200 });
    expect(r.fit.penaltyChoice?.candidates.map((c) => c.penalty)).toContain(r.fit.penalty);
    expect(MarketCombiner.fromJSON(stored.rows[0].state).fit.penaltyChoice).toEqual(r.fit.penaltyChoice);
    // a given penalty is used as given
    const given = await usecase.execute({ modelId: MODEL, asOf: AS_OF, penalty: 10 });
    expect(given.fit.penalty).toBe(10);
    expect(given.fit.penaltyChoice).toBeUndefined();
  });

  it('is never moved by props graded on or after asOf, and a refit of the same day replaces the stored one', async () => {
    const first = await usecase.execute({ modelId: MODEL, asOf: AS_OF });
    await db.pool.query(`UPDATE grades SET outcome = 'UNDER' WHERE prediction_id IN (SELECT id FROM predictions WHERE game_date >= $1)`, [AS_OF]);
    const again = await usecase.execute({ modelId: MODEL, asOf: AS_OF });
    expect(again.coefficients).toEqual(first.coefficients);
    expect(again.id).toBe(first.id);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM market_combiners')).rows[0].n).toBe(1);
    const later = await usecase.execute({ modelId: MODEL, asOf: dayOf(31) });
    expect(later.fit.rows).toBe(600);
    expect(later.coefficients).not.toEqual(first.coefficients);
  });

  it('refuses an unknown model and too few graded real-priced predictions, storing nothing', async () => {
    const before = (await db.pool.query('SELECT count(*)::int AS n FROM market_combiners')).rows[0].n;
    await expect(usecase.execute({ modelId: 'nope', asOf: AS_OF })).rejects.toThrow(ModelNotFoundError);
    await expect(usecase.execute({ modelId: MODEL, asOf: dayOf(3) })).rejects.toThrow(InsufficientHistoryError);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM market_combiners')).rows[0].n).toBe(before);
  });

  it('fits every production model for the nightly job and skips, with the reason, one without enough graded real-priced predictions', async () => {
    await db.pool.query(
      `INSERT INTO models (id, stat, version, feature_set_id, feature_names, objective, params, artifact_uri, artifact_sha256, native_uri, metadata_uri,
                           train_from, train_to, dataset_fingerprint, metrics, baselines, status, role)
       VALUES ('points-v1', 'POINTS', 1, 'fs@v1', '{a}', 'count:poisson', '{}', 'x', 'x', 'x', 'x', '2020-01-01', '2023-06-30', 'fp', '{}', '{}', 'PRODUCTION', 'PRIMARY')`,
    );
    const r = await usecase.executeForProduction({ asOf: dayOf(31) });
    expect(r.fitted.map((f) => [f.modelId, f.fit.rows])).toEqual([[MODEL, 600]]);
    expect(r.skipped).toEqual([{ modelId: 'points-v1', reason: expect.stringMatching(/^model points-v1: /) }]);
  });
});
