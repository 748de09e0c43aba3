import { seededRandom } from '@propcast/common';
import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { InvalidGradingRequestError } from '../errors';
import { insertGame, insertTeamsAndPlayers, type PredictionFixture } from '../testing';
import { ChallengerEvidenceRepository } from './challenger-evidence.repository';
import { EvaluateChallengersUseCase, type ModelPromoter, type PromotionSettings } from './evaluate-challengers.usecase';

const dayOf = (i: number) => `2025-01-${String(i).padStart(2, '0')}`;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const FROM = dayOf(1);
const TO = dayOf(30);

/** Registers a THREES model with a serving role. */
async function model(db: TestDatabase, id: string, version: number, role: 'PRIMARY' | 'CHALLENGER' | 'SHADOW'): Promise<void> {
  await db.pool.query(
    `INSERT INTO models (id, stat, version, feature_set_id, feature_names, objective, params, artifact_uri, artifact_sha256, native_uri, metadata_uri,
                         train_from, train_to, dataset_fingerprint, metrics, baselines, status, role, traffic_weight)
     VALUES ($1, 'THREES', $2, 'fs@v1', '{a}', 'count:poisson', '{}', 'x', 'x', 'x', 'x', '2020-01-01', '2024-06-30', 'fp', '{}', '{}', 'PRODUCTION', $3, $4)`,
    [id, version, role, role === 'PRIMARY' ? 1 : 0],
  );
}

/** Inserts a day's predictions and their grades in two statements (a bet is graded only where the stored call bet). */
async function insertDay(db: TestDatabase, rows: readonly PredictionFixture[], outcomes: readonly ('OVER' | 'UNDER')[]): Promise<void> {
  const col = <T>(f: (r: PredictionFixture) => T): T[] => rows.map(f);
  await db.pool.query(
    `WITH u AS (
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::date[], $5::text[], $6::int[], $7::"ModelRole"[], $8::text[], $9::float8[],
                            $10::float8[], $11::"Recommendation"[], $12::"Recommendation"[], $13::"LineOutcome"[])
         AS u(batch_id, player_id, game_id, game_date, model_id, model_version, role, book, over_probability, market_over_probability,
              recommendation, would_be, outcome)),
     p AS (
       INSERT INTO predictions (batch_id, player_id, game_id, game_date, stat, model_id, model_version, role, book, predicted_mean, line,
                                over_price, under_price, over_probability, market_over_probability, recommendation, would_be_recommendation, flags)
       SELECT batch_id, player_id, game_id, game_date, 'THREES', model_id, model_version, role, book, 2, 1.5, -110, -110, over_probability,
              market_over_probability, recommendation, would_be, '{}' FROM u
       RETURNING id, batch_id, player_id, model_id, book, recommendation)
     INSERT INTO grades (prediction_id, actual, error, outcome, result, profit)
     SELECT p.id, 1, 0, u.outcome,
            (CASE WHEN p.recommendation = 'PASS' THEN 'NO_BET' WHEN p.recommendation::text = u.outcome::text THEN 'WIN' ELSE 'LOSS' END)::"BetResult",
            CASE WHEN p.recommendation = 'PASS' THEN 0 WHEN p.recommendation::text = u.outcome::text THEN 100.0 / 110 ELSE -1 END
       FROM p JOIN u ON u.batch_id = p.batch_id AND u.player_id = p.player_id AND u.model_id = p.model_id AND u.book = p.book`,
    [
      col((r) => r.batchId), col((r) => r.playerId), col((r) => r.gameId), col((r) => r.gameDate), col((r) => r.modelId), col((r) => r.modelVersion),
      col((r) => r.role), col((r) => r.book), col((r) => r.overProbability), col((r) => r.marketOverProbability), col((r) => r.recommendation),
      col((r) => r.wouldBeRecommendation), outcomes,
    ],
  );
}

describe('EvaluateChallengersUseCase (challengers judged on real prices)', () => {
  let db: TestDatabase;
  let repo: ChallengerEvidenceRepository;
  const settings: PromotionSettings = { minProps: 500, alpha: 0.05, autoPromote: false };

  /**
   * 30 days x 30 players of graded THREES props at two real books plus a PROXY line. The truth is sigmoid(z); the
   * market sees z with noise, production (threes-v1) with more noise, the shadow threes-v2 sees it exactly (better than
   * production), the shadow threes-v3 as noisy as production and over-confident (worse).
   */
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query(`INSERT INTO feature_sets (id, name, version, feature_names, definition_hash) VALUES ('fs@v1', 'fs', 1, '{a}', 'h')`);
    await model(db, 'threes-v1', 1, 'PRIMARY');
    await model(db, 'threes-v2', 2, 'SHADOW');
    await model(db, 'threes-v3', 3, 'SHADOW');
    const random = seededRandom(11);
    const players = Array.from({ length: 30 }, (_, i) => 200 + i);
    await insertTeamsAndPlayers(db.pool, players);
    for (let d = 1; d <= 30; d++) {
      const gameId = `G${d}`;
      await insertGame(db.pool, gameId, dayOf(d), 'FINAL');
      const rows: PredictionFixture[] = [];
      const outcomes: ('OVER' | 'UNDER')[] = [];
      for (const playerId of players) {
        const z = -1.5 + 3 * random();
        const over = random() < sigmoid(z) ? 'OVER' : 'UNDER';
        const market = sigmoid(z + 0.6 * (random() - 0.5));
        const production = sigmoid(z + 3 * (random() - 0.5));
        const probs: Record<string, number> = { 'threes-v1': production, 'threes-v2': sigmoid(z), 'threes-v3': sigmoid(2.2 * (z + 3 * (random() - 0.5))) };
        for (const book of ['dk', 'fd', 'PROXY']) {
          for (const [modelId, p] of Object.entries(probs)) {
            const role = modelId === 'threes-v1' ? 'PRIMARY' : 'SHADOW';
            const call = p - market > 0.03 ? 'OVER' : market - p > 0.03 ? 'UNDER' : 'PASS';
            rows.push({
              batchId: `b-${d}`, playerId, gameId, gameDate: dayOf(d), stat: 'THREES', modelId, modelVersion: Number(modelId.slice(-1)), book,
              predictedMean: 2, line: 1.5, overPrice: -110, underPrice: -110, overProbability: p, marketOverProbability: book === 'PROXY' ? 0.5 : market,
              role, recommendation: role === 'SHADOW' ? 'PASS' : call, wouldBeRecommendation: call,
            });
            outcomes.push(over);
          }
        }
      }
      await insertDay(db, rows, outcomes);
    }
    repo = new ChallengerEvidenceRepository(db.pool);
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
  });

  const proposals = async () => (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM promotion_proposals')).rows[0].n;
  const picks = async () =>
    (await db.pool.query<{ id: string; recommendation: string; result: string; profit: number }>(
      `SELECT p.id::text, p.recommendation::text, g.result::text, g.profit FROM predictions p JOIN grades g ON g.prediction_id = p.id ORDER BY p.id`,
    )).rows;

  it('grades every shadow on the same real-priced props as production: Brier against market and production, and its would-be bets', async () => {
    const before = await picks();
    const report = await new EvaluateChallengersUseCase(repo, settings).report({ from: FROM, to: TO });
    expect(report.pairs.map((p) => p.challengerModelId)).toEqual(['threes-v2', 'threes-v3']);
    const [better, worse] = report.pairs;
    expect(better.comparison.method).toBe('paired');
    expect(better.comparison.props).toBe(900); // player-games, not book lines (two books, the PROXY line left out)
    expect(better.challenger.rows).toBe(1800);
    expect(better.comparison.brierChallenger as number).toBeLessThan(better.comparison.brierMarket as number);
    expect(better.comparison.brierChallenger as number).toBeLessThan(better.comparison.brierProduction as number);
    expect(better.comparison.pValue).toBeLessThan(0.001);
    expect(better.verdict).toBe('proposed');
    // the shadow never bet, but its would-be bets are graded at the prices
    expect(better.challenger.bets).toBeGreaterThan(300);
    const expected = (
      await db.pool.query<{ bets: number; wins: number }>(
        `SELECT count(*)::int AS bets, count(*) FILTER (WHERE p.would_be_recommendation::text = g.outcome::text)::int AS wins
           FROM predictions p JOIN grades g ON g.prediction_id = p.id
          WHERE p.model_id = 'threes-v2' AND p.book <> 'PROXY' AND p.would_be_recommendation <> 'PASS'`,
      )
    ).rows[0];
    expect(better.challenger).toMatchObject({ bets: expected.bets, wins: expected.wins });
    expect(better.challenger.winRate as number).toBeCloseTo(expected.wins / expected.bets, 12);
    expect(better.challenger.roi as number).toBeCloseTo((expected.wins * (100 / 110) - (expected.bets - expected.wins)) / expected.bets, 9);
    expect(better.challenger.breakEven as number).toBeCloseTo(110 / 210, 9);
    expect(worse.comparison.meanGain as number).toBeLessThan(0);
    expect(worse.verdict).toBe('not_better');
    // report only reads; production's picks and grades are untouched by the shadows' calls
    expect(await proposals()).toBe(0);
    expect(await picks()).toEqual(before);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM predictions WHERE role = 'SHADOW' AND recommendation <> 'PASS'`)).rows[0].n).toBe(0);
  });

  it('proposes nothing below PROMOTION_MIN_PROPS, however significant', async () => {
    const usecase = new EvaluateChallengersUseCase(repo, { ...settings, minProps: 901 });
    const report = await usecase.evaluate({ from: FROM, to: TO });
    expect(report.pairs[0].verdict).toBe('insufficient_props');
    expect(await proposals()).toBe(0);
  });

  it('records a proposal (logged, observed) but does not promote while PROMOTION_AUTO is off', async () => {
    const promoted: string[] = [];
    const promoter: ModelPromoter = { promote: async (id) => void promoted.push(id) };
    const observed: string[] = [];
    const logs: string[] = [];
    const report = await new EvaluateChallengersUseCase(repo, settings, promoter, { proposed: (stat, id, p) => observed.push(`${stat}:${id}:${p}`) }, (m) => logs.push(m)).evaluate({ from: FROM, to: TO });
    expect(report.pairs[0].verdict).toBe('proposed');
    expect(report.pairs[0].proposal).toMatchObject({ status: 'PROPOSED', challengerModelId: 'threes-v2', productionModelId: 'threes-v1', props: 900 });
    expect(promoted).toEqual([]);
    expect(observed).toEqual(['THREES:threes-v2:false']);
    expect(logs[0]).toMatch(/proposed for promotion: shadow threes-v2 beats production threes-v1 \(THREES\) on 900/);
    expect(await proposals()).toBe(1);
  });

  it('promotes through the registry port only when PROMOTION_AUTO allows it, and marks the proposal', async () => {
    const promoted: string[] = [];
    const promoter: ModelPromoter = { promote: async (id) => void promoted.push(id) };
    const report = await new EvaluateChallengersUseCase(repo, { ...settings, autoPromote: true }, promoter).evaluate({ from: FROM, to: TO });
    expect(promoted).toEqual(['threes-v2']);
    expect(report.pairs[0].verdict).toBe('promoted');
    const row = (await db.pool.query<{ status: string; promoted_at: Date | null }>(`SELECT status, promoted_at FROM promotion_proposals WHERE challenger_model_id = 'threes-v2'`)).rows[0];
    expect(row.status).toBe('PROMOTED');
    expect(row.promoted_at).not.toBeNull();
    // a promoted proposal is not promoted twice
    await new EvaluateChallengersUseCase(repo, { ...settings, autoPromote: true }, promoter).evaluate({ from: FROM, to: TO });
    expect(promoted).toEqual(['threes-v2']);
  });

  it('refuses a bad range or stat, naming the field', async () => {
    const usecase = new EvaluateChallengersUseCase(repo, settings);
    await expect(usecase.report({ from: '2025-1-1', to: TO })).rejects.toThrow(/from must be YYYY-MM-DD/);
    await expect(usecase.report({ from: TO, to: FROM })).rejects.toThrow(InvalidGradingRequestError);
    await expect(usecase.report({ from: FROM, to: TO, stat: 'STEALS' })).rejects.toThrow(/unknown stat "STEALS"/);
  });
});
