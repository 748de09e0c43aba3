import { createTestDatabase, type TestDatabase } from '@propcast/db/testing';
import { InvalidGradingRequestError } from '../errors';
import { seedChallengerEvidence } from '../testing';
import { ChallengerEvidenceRepository } from './challenger-evidence.repository';
import { EvaluateChallengersUseCase, type ModelPromoter, type PromotionSettings } from './evaluate-challengers.usecase';

const FROM = '2025-01-01';
const TO = '2025-01-30';

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
    await seedChallengerEvidence(db.pool);
    repo = new ChallengerEvidenceRepository(db.pool);
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
  });

  const proposals = async () => (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM promotion_proposals')).rows[0].n;
  const picks = async () =>
    (
      await db.pool.query<{ id: string; recommendation: string; result: string; profit: number }>(
        `SELECT p.id::text, p.recommendation::text, g.result::text, g.profit FROM predictions p JOIN grades g ON g.prediction_id = p.id ORDER BY p.id`,
      )
    ).rows;

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
    const report = await new EvaluateChallengersUseCase(repo, settings, promoter, { proposed: (stat, id, p) => observed.push(`${stat}:${id}:${p}`) }, (m) => logs.push(m)).evaluate({
      from: FROM,
      to: TO,
    });
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
