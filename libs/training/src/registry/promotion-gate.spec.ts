import { decidePromotion } from './promotion-gate';

describe('decidePromotion', () => {
  const baselineMae = { seasonAvg: 5.2, last10: 5.3, ema: 5.25 };

  it('promotes a candidate that beats every baseline when there is no production model', () => {
    const d = decidePromotion({ candidateMae: 5.0, baselineMae, production: null, minMaeImprovement: 0.005 });
    expect(d.promote).toBe(true);
    expect(d.reason).toMatch(/gate passed/);
  });

  it('refuses a candidate that does not beat a baseline, naming it', () => {
    const d = decidePromotion({ candidateMae: 5.21, baselineMae, production: null, minMaeImprovement: 0.005 });
    expect(d.promote).toBe(false);
    expect(d.reason).toMatch(/seasonAvg baseline/);
  });

  it('requires the relative margin over production', () => {
    const production = { id: 'points-v1', mae: 5.0 };
    expect(decidePromotion({ candidateMae: 4.99, baselineMae, production, minMaeImprovement: 0.005 }).promote).toBe(false);
    expect(decidePromotion({ candidateMae: 4.975, baselineMae, production, minMaeImprovement: 0.005 }).promote).toBe(true);
    const refused = decidePromotion({ candidateMae: 5.1, baselineMae, production, minMaeImprovement: 0.005 });
    expect(refused.reason).toMatch(/production points-v1 MAE 5\.0000/);
  });

  it('compares with production on the rows it did not train on when given them, baselines on every test row', () => {
    // Over all test rows the candidate (5.1) would lose to a production model that trained on most of them (5.0).
    const production = { id: 'points-v1', mae: 5.0, candidateMae: 4.9, rows: 812 };
    const passed = decidePromotion({ candidateMae: 5.1, baselineMae, production, minMaeImprovement: 0.005 });
    expect(passed.promote).toBe(true);
    expect(passed.reason).toContain('production points-v1 MAE 5.0000 on the 812 test rows it did not train on (candidate 4.9000)');
    const refused = decidePromotion({ candidateMae: 5.1, baselineMae, production: { ...production, candidateMae: 4.99 }, minMaeImprovement: 0.005 });
    expect(refused.promote).toBe(false);
    expect(refused.reason).toMatch(/MAE 4\.9900 does not beat production points-v1/);
  });
});
